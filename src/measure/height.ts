/**
 * Vertebral height loss as a percentage: "approximately 30% loss of height of L2", "20% anterior height
 * loss", "one-third loss of height", "height loss of less than 25%", "collapse of about 50%".
 *
 * A percentage counts only when a height word sits next to it with nothing but small words between, and
 * nothing about the canal, a disc or a slip: "30% canal narrowing", "50% loss of disc height" and "4 mm
 * retropulsion" are not vertebral height loss. Levels are the vertebrae named in the same clause (nearest
 * percentage wins when a clause has several), else the paragraph label ("L1: ..."). A range keeps the worse
 * (higher) end; a bound ("less than 25%") keeps its number, with the comparator inside the span.
 */
import { findLevels, normaliseLevel } from '../match/index.js';
import {
  clauseEnd,
  clauseStart,
  type Found,
  firstIn,
  type Hit,
  lastIn,
  matchesIn,
  type SentenceView,
} from './context.js';
import { mayHold, type Needles, needles, needlesOf, type Worded, worded, wordedPatterns } from './gates.js';
import type { CompiledLexicon } from './lexicon.js';
import { parseNumberPhrase, round1 } from './numbers.js';

export interface HeightPatterns {
  percent: Worded;
  /**
   * Every match of `percent` holds "%", "pct", a fraction word, or both "per" and "cent" (needles, gates.ts): most
   * sentences hold none.
   */
  needles: Needles;
}

export function compileHeightPatterns(lex: CompiledLexicon): HeightPatterns {
  const nw = lex.numberWordSrc;
  const fr = Object.keys(lex.lex.fractions).join('|');
  const wordNum = `(?:${nw})(?:[- ](?:${nw})){0,2}`;
  const digits = `(?<![\\p{L}\\d.,/])(?<d1>\\d{1,3}(?:\\.\\d)?)(?:\\s?(?:-|–|to)\\s?(?<d2>\\d{1,3}(?:\\.\\d)?))?\\s?(?:%|percent|per\\s?cent|pct)(?![\\p{L}])`;
  const words = `(?<![\\p{L}\\d])(?<w>${wordNum})\\s(?:percent|per\\s?cent)(?![\\p{L}])`;
  const fraction = (lead: string) => `(?<![\\p{L}\\d])(?<f>(?:(?:${lead})[- ])?(?:${fr}))(?![\\p{L}])`;
  return {
    // Without number words the second branch cannot match and the third loses only its number-word lead.
    percent: wordedPatterns(
      [digits, words, fraction(`${nw}|an?`)].join('|'),
      [digits, fraction('an?')].join('|'),
      'gu',
    ),
    needles: needlesOf(['%', 'pct', ...Object.keys(lex.lex.fractions)]),
  };
}

const PER = needles(['per']);
const CENT = needles(['cent']);
const COORD_RE = /^\s{0,2}(?:,|and|or|&|, and)\s{0,2}$/;
const LEVEL_LINK_RE = /^\s{0,2}(?:(?:of|at|in|involving|affecting)\s+)?(?:the\s+)?$/i;
const BODY_AFTER_RE = /^\s(?:vertebral\s+body|vertebra|vertebral\s+bodies|body|level)(?![\p{L}])/iu;

type Level = ReturnType<typeof findLevels>[number];

const WORD_RE = /[\p{L}]+|[^\s\p{L}\d]/gu;

/** Only small words (and no number) between the percentage and the height word. */
function smallGap(lex: CompiledLexicon, gap: string): boolean {
  if (/\d/.test(gap)) return false;
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(gap); m !== null; m = WORD_RE.exec(gap)) {
    if (!lex.heightGap.has(m[0].toLowerCase())) return false;
  }
  return true;
}

interface PercentHit {
  /** The number (with a comparator before it, if any). */
  start: number;
  end: number;
  value: number;
  keyStart: number;
  keyEnd: number;
}

type KeyResult = Hit | 'blocked' | null;

/** The height word this percentage is about, 'blocked' when it is about the canal, a disc or a slip. */
function heightKeyFor(lex: CompiledLexicon, text: string, start: number, end: number): KeyResult {
  const cs = clauseStart(text, start, Math.max(0, start - 60));
  const ce = clauseEnd(text, end, 50);
  const next = text.slice(end, Math.min(ce, end + 25));
  const blockNext = firstIn(lex.heightBlocker, next, 0, next.length);
  const after = matchesIn(lex.heightKey, text, end, ce).find((k) => smallGap(lex, text.slice(end, k.start)));
  if (after && !(blockNext && blockNext.start + end < after.start)) {
    if (!firstIn(lex.heightBlocker, text, end, after.end) && !discHeight(lex, text, after)) return after;
    return 'blocked';
  }
  // "20% canal narrowing", "narrowing of the canal by 30%".
  if (blockNext && /^[\s(-]*$/.test(next.slice(0, blockNext.start))) return 'blocked';
  if (lastIn(lex.heightBlocker, text, Math.max(cs, start - 30), start)) return 'blocked';
  const before = matchesIn(lex.heightKey, text, cs, start)
    .reverse()
    .find((k) => smallGap(lex, text.slice(k.end, start)));
  if (before && !discHeight(lex, text, before)) return before;
  return null;
}

// "loss of height of the L4-5 disc", "height of the intervertebral space": a disc, after the height word.
const DISC_AFTER_RE =
  /^\s{0,2}(?:of\s+)?(?:the\s+)?(?:[CTLS]\d{1,2}\s?[-/]\s?[CTLS]?\d{1,2}\s+)?(?:dis[ck]|intervertebral|interspace)/i;

/** Disc height, not vertebral: a disc word right before "height" or right after the height phrase. */
function discHeight(lex: CompiledLexicon, text: string, key: Hit): boolean {
  const h = key.text.toLowerCase().indexOf('height');
  if (h >= 0 && lex.discBefore.test(text.slice(Math.max(0, key.start + h - 25), key.start + h))) return true;
  return DISC_AFTER_RE.test(text.slice(key.end, key.end + 30));
}

function percentValue(lex: CompiledLexicon, g: Record<string, string | undefined>): number | null {
  if (g.d1 !== undefined) return g.d2 !== undefined ? Math.max(Number(g.d1), Number(g.d2)) : Number(g.d1);
  if (g.w !== undefined) return parseNumberPhrase(g.w, lex);
  const f = parseNumberPhrase(g.f!, lex);
  return f === null ? null : round1(f * 100);
}

export function extractHeightLoss(
  lex: CompiledLexicon,
  pat: HeightPatterns,
  view: SentenceView,
  out: Found[],
): void {
  const text = view.text;
  const hits: PercentHit[] = [];
  // Percentages with no height word yet: "30% and 50% loss of height" shares the word with the last one.
  const pending: PercentHit[] = [];
  if (!mayHold(view, pat.needles) && !(mayHold(view, PER) && mayHold(view, CENT))) return;
  // On the folded text the groups come lower-cased: each is read case-insensitively.
  const { re: percent, on } = worded(lex, view, pat.percent);
  percent.lastIndex = 0;
  for (let m = percent.exec(on); m !== null; m = percent.exec(on)) {
    const value = percentValue(lex, m.groups!);
    if (value === null || value <= 0 || value > 100) continue;
    const numStart = m.index;
    const end = numStart + m[0].length;
    const cmp = lex.comparatorBefore.exec(text.slice(Math.max(0, numStart - 20), numStart));
    const start = cmp ? numStart - cmp[0].length : numStart;
    const key = heightKeyFor(lex, text, numStart, end);
    if (key === 'blocked') {
      pending.length = 0;
      continue;
    }
    if (!key) {
      pending.push({ start, end, value, keyStart: -1, keyEnd: -1 });
      continue;
    }
    if (key.start >= end) {
      let upTo = start;
      for (let j = pending.length - 1; j >= 0; j--) {
        const p = pending[j]!;
        if (!COORD_RE.test(text.slice(p.end, upTo))) break;
        hits.push({ ...p, keyStart: key.start, keyEnd: key.end });
        upTo = p.start;
      }
    }
    pending.length = 0;
    hits.push({ start, end, value, keyStart: key.start, keyEnd: key.end });
  }
  if (!hits.length) return;
  hits.sort((a, b) => a.start - b.start);
  const { levels, label, respectively } = sentenceLevels(view);
  hits.forEach((h, i) => {
    const start = Math.min(h.start, h.keyStart);
    let end = Math.max(h.end, h.keyEnd);
    // "... loss of height of the L2 vertebral body": a level right after the phrase is its own.
    const linked = levels.find((l) => l.start >= end && LEVEL_LINK_RE.test(text.slice(end, l.start)));
    let own: Level[];
    if (linked) {
      const body = BODY_AFTER_RE.exec(text.slice(linked.end));
      end = linked.end + (body ? body[0].length : 0);
      own = [linked];
    } else {
      own = clauseLevels(text, i, hits, levels, respectively);
    }
    out.push({
      kind: 'height_loss_percent',
      value: h.value,
      max: 100,
      unit: 'percent',
      levels: vertebrae(own, label),
      start,
      end,
    });
  });
}

/**
 * Levels of the clause for the i-th percentage. With one percentage in the clause it takes them all; with
 * several, "respectively" pairs them in order, otherwise each level goes to the nearest number.
 */
/** The levels a height measure may take: those of its sentence, its paragraph label, and whether it pairs them. */
function sentenceLevels(view: SentenceView): { levels: Level[]; label: Level | null; respectively: boolean } {
  return {
    levels: findLevels(view.text, 0),
    label: view.levelLabel ? (findLevels(view.levelLabel, 0)[0] ?? null) : null,
    respectively: /\brespectively\b/i.test(view.text),
  };
}

/** The distinct vertebrae of `own`, or of the paragraph label when `own` is empty. */
function vertebrae(own: Level[], label: Level | null): string[] {
  const lv: string[] = [];
  for (const l of own.length || !label ? own : [label])
    for (const v of normaliseLevel(l, 'vertebra')) if (!lv.includes(v)) lv.push(v);
  return lv;
}

type Spanned = { start: number; end: number };

function clauseLevels(
  text: string,
  i: number,
  hits: readonly Spanned[],
  levels: Level[],
  respectively: boolean,
): Level[] {
  const me = hits[i]!;
  const cs = clauseStart(text, me.start);
  const ce = clauseEnd(text, me.end);
  const peers = hits.filter((h) => h.start >= cs && h.end <= ce);
  const inClause = levels.filter((l) => l.start >= cs && l.end <= ce);
  if (peers.length <= 1) return inClause;
  if (respectively && inClause.length === peers.length) return [inClause[peers.indexOf(me)]!];
  const dist = (l: Level, h: Spanned) => (l.end <= h.start ? h.start - l.end : l.start - h.end);
  return inClause.filter((l) => peers.every((h) => h === me || dist(l, h) > dist(l, me)));
}

/**
 * A Genant grade is about the vertebrae of its clause, as a percentage is ("Genant grade 2 wedge deformity of
 * T12", "T7 (Genant 1)"), else the paragraph label.
 */
export function attachGenantLevels(view: SentenceView, found: Found[]): void {
  const grades = found.filter((f) => f.kind === 'genant_grade');
  if (!grades.length) return;
  const { levels, label, respectively } = sentenceLevels(view);
  grades.forEach((g, i) => {
    g.levels = vertebrae(clauseLevels(view.text, i, grades, levels, respectively), label);
  });
}
