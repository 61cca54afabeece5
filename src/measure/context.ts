/**
 * Small helpers to look at the words around a number inside its sentence: cue searches bounded to the
 * clause, so "goal" in one clause does not cancel a pain score stated in the next.
 */
import { Caseless } from './fold.js';
import { onView } from './gates.js';
import { type CompiledLexicon, type Cue, caseOk } from './lexicon.js';

export interface Hit {
  start: number;
  end: number;
  text: string;
}

/** What every extractor sees: the sentence text (offsets relative to it) and where it sits. */
export interface SentenceView {
  text: string;
  sectionKind: string;
  /** Title of the section, or of the nearest inline header above the sentence ("GOALS:"). */
  headerTitle: string | null;
  levelLabel: string | null;
  /** ISO date the document was written, when known: "since March" is measured up to it. */
  documentDate?: string | null;
  /** The text lower-cased (null: it holds "ſ"), once asked (see `mayHold`). */
  lower?: string | null;
  /** The text lower-cased where patterns without `i` may run on it (see `folded`), once asked. */
  folded?: string | null;
  /** Whether a number word occurs in the text (see `worded`), once asked. */
  numberWords?: boolean;
}

/** A measurement found in a sentence, offsets relative to the sentence. */
export interface Found {
  kind: import('../facts/schema.js').MeasurementKind;
  value: number;
  max?: number | null;
  unit?: string | null;
  raw?: number | null;
  rawUnit?: string | null;
  band?: string | null;
  levels?: string[];
  start: number;
  end: number;
}

// Also a sentence end that the splitter missed (transcriptions run sentences together: "... day.,The").
const CLAUSE_BREAK_RE =
  /;|[.!?](?=,?\s{0,3}[A-Z])|(?<![\p{L}])(?:[Bb]ut|[Hh]owever|[Ww]hereas|[Aa]lthough)(?![\p{L}])/gu;

/** Start of the clause holding position `i` (after the last ";" or "but" before it), never before `floor`. */
export function clauseStart(text: string, i: number, floor = Math.max(0, i - 200)): number {
  const slice = text.slice(floor, i);
  let s = floor;
  CLAUSE_BREAK_RE.lastIndex = 0;
  for (let m = CLAUSE_BREAK_RE.exec(slice); m !== null; m = CLAUSE_BREAK_RE.exec(slice)) {
    s = floor + m.index + m[0].length;
  }
  return s;
}

/** End of the clause holding position `i`, looking at most `limit` characters ahead. */
export function clauseEnd(text: string, i: number, limit = 200): number {
  const slice = text.slice(i, i + limit);
  CLAUSE_BREAK_RE.lastIndex = 0;
  const m = CLAUSE_BREAK_RE.exec(slice);
  return m ? i + m.index : i + slice.length;
}

/** Every match of a cue inside text[from, to) (the slice bounds the phrase, as a sentence would). */
export function matchesIn(cue: Cue, text: string, from: number, to: number): Hit[] {
  const out: Hit[] = [];
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  if (to <= from) return out;
  const slice = text.slice(from, to);
  // The cue without `i` on the slice lower-cased where it reads alike (fold.ts); the hit's text is the slice's.
  const { re, on } = cue.fastestFor(slice).pick(slice);
  return hits(cue, re, on, slice, from, out);
}

/** `matchesIn` over the whole sentence, run on its folded text (made once per sentence) where there is one. */
export function matchesInView(cue: Cue, view: SentenceView): Hit[] {
  const { re, on } = onView(cue.fastestFor(view.text), view);
  return hits(cue, re, on, view.text, 0, []);
}

function hits(cue: Cue, re: RegExp, on: string, text: string, from: number, out: Hit[]): Hit[] {
  re.lastIndex = 0;
  for (let m = re.exec(on); m !== null; m = re.exec(on)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const hit = on === text ? m[0] : text.slice(m.index, m.index + m[0].length);
    if (caseOk(cue, hit)) out.push({ start: from + m.index, end: from + m.index + hit.length, text: hit });
  }
  return out;
}

export function lastIn(cue: Cue, text: string, from: number, to: number): Hit | null {
  const all = matchesIn(cue, text, from, to);
  return all[all.length - 1] ?? null;
}

export function firstIn(cue: Cue, text: string, from: number, to: number): Hit | null {
  return matchesIn(cue, text, from, to)[0] ?? null;
}

/** A goal or target rather than a current value: a target cue before it in the clause, or a goals header. */
export function isTarget(lex: CompiledLexicon, view: SentenceView, at: number): boolean {
  if (view.headerTitle && firstIn(lex.targetTitle, view.headerTitle, 0, view.headerTitle.length)) return true;
  const from = clauseStart(view.text, at, Math.max(0, at - 80));
  return lastIn(lex.target, view.text, from, at) !== null;
}

const APPOSITION_RE = /^[\s,(:–-]{0,4}(?:(?:who|that)\s+(?:is|was)\s+|now\s+)?$/u;
const AND_RE = new Caseless(String.raw`(?<![\p{L}])and(?![\p{L}])|,`, 'giu');

/**
 * The value belongs to a relative ("his mother had back pain for 10 years", "her 45-year-old son"): a relative
 * word earlier in the same clause (cut at "and" too) with no patient subject between it and the value.
 */
export function isAboutRelative(lex: CompiledLexicon, text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 60);
  let s = clauseStart(text, start, from);
  // "his father, age 81, has ...", "her husband (who is 70)": the relative stands right before the value,
  // across the comma that the cut below would otherwise put between them.
  const apposed = lastIn(lex.relative, text, s, start);
  if (apposed && APPOSITION_RE.test(text.slice(apposed.end, start))) return true;
  const clause = text.slice(s, start);
  const { re, on } = AND_RE.pick(clause);
  re.lastIndex = 0;
  let cut = 0;
  for (let m = re.exec(on); m !== null; m = re.exec(on)) cut = m.index + m[0].length;
  s += cut;
  const rel = lastIn(lex.relative, text, s, start);
  if (rel && !firstIn(lex.patientSubject, text, rel.end, start)) return true;
  // "67-year-old son", "aged 40 (brother)".
  const after = text.slice(end, end + 25);
  const nextRel = firstIn(lex.relative, after, 0, after.length);
  return nextRel !== null && /^[\s,(-]*(?:\p{L}+[\s-]+)?$/u.test(after.slice(0, nextRel.start));
}

// The last word of a slice with nothing but non-word characters after it ("for the past" → "past"); a digit
// after it means none.
const LAST_WORD_RE = /([\p{L}]+|[~>×])[^\p{L}\d~>×]*$/u;

/**
 * `LAST_WORD_RE` on text[from, to): where its match starts and the word, or null. Run by hand on ASCII (the
 * regex is tried at every position of the slice, and durations ask for a few words back from every number);
 * any other character hands the slice to the regex itself.
 */
export function lastWord(text: string, from: number, to: number): { start: number; word: string } | null {
  let i = to;
  for (; i > from; i--) {
    const c = text.charCodeAt(i - 1);
    if (c >= 0x80 && c !== TIMES) return lastWordByRegex(text, from, to);
    if (isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 126 || c === 62 || c === TIMES) break;
  }
  if (i === from) return null;
  const c = text.charCodeAt(i - 1);
  if (c >= 48 && c <= 57) return null;
  if (!isAsciiLetter(c)) return { start: i - 1, word: text[i - 1]! };
  let s = i - 1;
  for (; s > from; s--) {
    const d = text.charCodeAt(s - 1);
    if (d >= 0x80) return lastWordByRegex(text, from, to);
    if (!isAsciiLetter(d)) break;
  }
  return { start: s, word: text.slice(s, i) };
}

const TIMES = 0xd7;

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function lastWordByRegex(text: string, from: number, to: number): { start: number; word: string } | null {
  const m = LAST_WORD_RE.exec(text.slice(from, to));
  return m ? { start: from + m.index, word: m[1]! } : null;
}
