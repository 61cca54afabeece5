/**
 * Sentences: a radiology-aware splitter. Newlines end a sentence unless the line is a wrapped continuation;
 * "." ends one unless it belongs to an abbreviation ("Dr.", "vs.", "approx."), a decimal, or a list marker
 * ("1." of a numbered impression). Level-by-level paragraphs ("L4-5: ...") carry their label to each sentence
 * they hold. One linear pass per section body.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Section, Sentence } from '../facts/document.js';
import { loadJson } from '../util/load-json.js';
import { alternation } from '../util/regex.js';

export const SentenceLexicon = z.object({
  version: z.string(),
  neverEndAbbreviations: z.array(z.string()),
  /**
   * Words that turn a paragraph away from the level its opening "At L4-5, ..." named ("the remaining levels",
   * "elsewhere"): the sentence holding one, and those after it, take no level from that opener.
   */
  levelCarryEnds: z.array(z.string()).default([]),
});
export type SentenceLexicon = z.infer<typeof SentenceLexicon>;

/** Sentences longer than this are cut at a comma or space so that no later stage sees an unbounded span. */
const MAX_SENTENCE = 1500;

// "L4-5:", "L5-S1 level:", "At L4/L5:", "T12-L1 -" at the start of a sentence. Bounded, linear.
const LEVEL = String.raw`(?:[CTLSD]\s?\d{1,2})(?:\s{0,2}[-–—/]\s{0,2}(?:[CTLSD]\s?)?\d{1,2})?`;
// "L4-5:", "L5-S1 level:", "At L4/L5:", "L2-3 and L3-4:", "T12-L1 through L3-L4:", "L3-4 (adjacent level):"
// opening a sentence.
// Each repetition must consume a joiner and a level, so the pattern stays linear.
const LEVEL_LIST = String.raw`${LEVEL}(?:\s{0,2}(?:,|and|&|through|thru|to|-)\s{0,2}${LEVEL}){0,6}`;
const LEVEL_NOUN = String.raw`(?:\s+(?:levels?|disc levels?|interspaces?|segments?))?`;
const LEVEL_LABEL_RE = new RegExp(
  String.raw`^[\s>*•·-]{0,4}(?:at\s+)?(${LEVEL_LIST})${LEVEL_NOUN}(?:\s{0,2}\([^()\n]{1,40}\))?\s{0,2}(:|\s)`,
  'i',
);

// "At L4-5, there is ...", "At the L5-S1 level there is ...": a clause opener naming the levels the
// sentences after it in its paragraph go on to describe.
const AT_OPENER_RE = new RegExp(
  String.raw`^[\s>*•·-]{0,4}at\s+(?:the\s+)?(${LEVEL_LIST})${LEVEL_NOUN}\s{0,2}[,\s]`,
  'i',
);
// A level named anywhere in a sentence, written as radiologists write levels (capitals); not an MRI
// sequence ("T2 signal", "T1-weighted") nor a nerve root ("the L5 nerve root" lies at the opener's level).
const NAMED_LEVEL_RE =
  /(?<![A-Za-z0-9])(?:[CTLS]\d{1,2})(?:\s{0,2}[-–—/]\s{0,2}(?:[CTLS])?\d{1,2})?(?![\d])(?!\s{0,2}(?:-\s{0,2})?(?:weighted|W\b|signal|hyper|hypo|images?|sequences?|STIR|FLAIR|post|nerve|roots?\b))/g;

const UNITS = new Set([
  'mm',
  'cm',
  'mg',
  'ml',
  'mcg',
  'kg',
  'lbs',
  'cc',
  'sec',
  'min',
  'hrs',
  'wks',
  'mos',
  'yrs',
]);
/** "x 6 mo. hx of ...": a duration closes its statement. */
const TIME_UNITS = new Set(['mo', 'mos', 'wk', 'wks', 'yr', 'yrs', 'd', 'days', 'weeks', 'months', 'years']);
const START_CHAR_RE = /[A-Z0-9"'(•*-]/;
const RUN_CHAR_RE = /[.!?/)"']/;
const SPACE_RE = /\s/;
const BOUNDARY_CHAR_RE = /[\n/.!?]/g;

export function loadSentenceLexicon(lexiconDir: string): SentenceLexicon {
  return loadJson(join(lexiconDir, 'sentences.json'), SentenceLexicon);
}

export interface SentenceSplitter {
  split(text: string, sections: Section[]): Sentence[];
}

export function createSentenceSplitter(lexicon: SentenceLexicon): SentenceSplitter {
  const neverEnd = new Set(lexicon.neverEndAbbreviations.map((a) => a.toLowerCase().replace(/\.$/, '')));
  const carryEnds = lexicon.levelCarryEnds.length
    ? new RegExp(`\\b(?:${alternation(lexicon.levelCarryEnds)})\\b`, 'i')
    : null;

  function isStartChar(c: string | undefined): boolean {
    return c !== undefined && START_CHAR_RE.test(c);
  }

  /** Offsets (exclusive ends) where sentences end inside [from, to). */
  function boundaries(text: string, from: number, to: number, scan: BoundaryScan): number[] {
    const ends: number[] = [];
    let sentenceStart = from;
    // A run of terminal punctuation and the blanks after it, measured once for the whole run: rescanning
    // it from each of its dots would be quadratic on "......" or "?!?!?!" lines.
    let runStart = -1;
    let runEnd = -1;
    let blankEnd = -1;
    for (let i = from; i < to; i++) {
      i = nextBoundary(text, i, scan);
      if (i >= to) break;
      const c = text[i]!;
      if (c === '\n') {
        if (newlineEnds(text, i, from, to)) {
          ends.push(i);
          sentenceStart = i + 1;
        }
        continue;
      }
      // Typed notes separate statements with runs of slashes ("... foramen /// L5-S1: ...").
      if (c === '/' && text[i + 1] === '/' && text[i - 1] !== ':') {
        let j = i;
        while (j < to && text[j] === '/') j++;
        ends.push(i);
        sentenceStart = j;
        i = j - 1;
        continue;
      }
      if (c !== '.' && c !== '!' && c !== '?') continue;
      // "? UTI, urine sent", "L1 ? fracture": a query mark before its word asks about it; it ends nothing.
      if (c === '?' && (i === sentenceStart || text[i - 1] === ' ' || text[i - 1] === '\t')) continue;
      // Run of terminal punctuation / slashes ("./// L5-S1").
      if (!(i > runStart && i < runEnd)) {
        runStart = i;
        runEnd = i + 1;
        while (runEnd < to && RUN_CHAR_RE.test(text[runEnd]!)) runEnd++;
        blankEnd = runEnd;
        while (blankEnd < to && (text[blankEnd] === ' ' || text[blankEnd] === '\t')) blankEnd++;
      }
      const j = runEnd;
      const next = text[j];
      if (next !== ' ' && next !== '\t' && next !== undefined && j < to) {
        if (next !== '\n' && !(j > i + 1 && text[j - 1] === '/')) continue; // "2.5", "L4.5", "e.g.x"
      }
      const k = blankEnd;
      // A lower-case word after the dot only starts a sentence after a plain word ("sac. no stenosis"),
      // never after an abbreviation or a unit ("approx. three", "4 mm. in diameter").
      if (k < to && text[k] !== '\n' && !isStartChar(text[k]) && !(c === '.' && lowerStartAllowed(text, i)))
        continue;
      if (c === '.' && !dotEnds(text, i, sentenceStart)) continue;
      ends.push(j);
      sentenceStart = j;
      i = j - 1;
    }
    return ends;
  }

  function lowerStartAllowed(text: string, i: number): boolean {
    const w = wordAtEnd(text.slice(Math.max(0, i - 12), i))?.toLowerCase();
    if (w !== undefined && TIME_UNITS.has(w) && /\d\s*[A-Za-z]+$/.test(text.slice(Math.max(0, i - 10), i)))
      return true;
    return w !== undefined && w.length >= 3 && !neverEnd.has(w) && !UNITS.has(w) && /^[a-z]+$/.test(w);
  }

  /** Whether a "." at `i` ends a sentence (not an abbreviation or a list marker). */
  function dotEnds(text: string, i: number, sentenceStart: number): boolean {
    const before = text.slice(Math.max(sentenceStart, i - 12), i);
    const w = wordAtEnd(before);
    if (w && neverEnd.has(w.toLowerCase())) return false;
    // "1." or "2)" opening a numbered item: only a number between the sentence start and the dot.
    if (numberedItem(text, sentenceStart, i)) return false;
    // A single capital initial ("Dr. J. Smith") is not an end; "on the L. Sustained clonus" is.
    if (/(?:^|\s)[A-Z]$/.test(before) && !/(?:^|\s)[A-Z]{2,}$/.test(before)) {
      const after = text.slice(i + 1, i + 4);
      const wordBefore = /([A-Za-z]+)\s+[A-Z]$/.exec(before)?.[1];
      const afterName = wordBefore === undefined || /^[A-Z]/.test(wordBefore);
      if (/^\s[A-Z][a-z]/.test(after) && afterName) return false;
    }
    return true;
  }

  function newlineEnds(text: string, i: number, from: number, to: number): boolean {
    let p = i - 1;
    while (p >= from && (text[p] === ' ' || text[p] === '\t')) p--;
    if (p < from || text[p] === '\n') return true; // blank or first line
    let n = i + 1;
    while (n < to && (text[n] === ' ' || text[n] === '\t')) n++;
    if (n >= to || text[n] === '\n') return true;
    if (/[.!?:;]/.test(text[p]!)) return true;
    // A wrapped line continues in lower case; anything else (capital, digit, bullet, level label) is new.
    return !/[a-z(,&]/.test(text[n]!) && !/[,&-]/.test(text[p]!);
  }

  function pushTrimmed(out: Sentence[], text: string, start: number, end: number, section: number): void {
    while (start < end && SPACE_RE.test(text[start]!)) start++;
    while (end > start && SPACE_RE.test(text[end - 1]!)) end--;
    if (end <= start) return;
    // Bound pathological single "sentences" (a 2 MB line) by cutting at a comma or space in the second half
    // of the window (searched inside the window only, so a line without commas stays linear).
    while (end - start > MAX_SENTENCE) {
      const half = start + MAX_SENTENCE / 2;
      let cut = lastIndexAbove(text, ',', half, start + MAX_SENTENCE - 1);
      if (cut === -1) cut = lastIndexAbove(text, ' ', half, start + MAX_SENTENCE - 1);
      if (cut === -1) cut = start + MAX_SENTENCE;
      else cut += 1;
      pushTrimmed(out, text, start, cut, section);
      start = cut;
      while (start < end && SPACE_RE.test(text[start]!)) start++;
    }
    if (end > start) out.push({ start, end, text: text.slice(start, end), section, levelLabel: null });
  }

  return {
    split(text: string, sections: Section[]): Sentence[] {
      const out: Sentence[] = [];
      const scan: BoundaryScan = { from: 0, found: -1 };
      sections.forEach((sec, idx) => {
        let start = sec.bodyStart;
        for (const end of boundaries(text, sec.bodyStart, sec.end, scan)) {
          pushTrimmed(out, text, start, end, idx);
          start = end;
        }
        pushTrimmed(out, text, start, sec.end, idx);
      });
      attachLevelLabels(text, out, carryEnds);
      return out;
    },
  };
}

/**
 * Where the last search for a character that can end a sentence ("\n", "/", ".", "!", "?") started and
 * what it found (the text's length for none): the characters between hold none. A search may run past the
 * section it was made for; remembering it keeps the next section from reading that span again, so each
 * character is searched once per document however many sections it holds.
 */
interface BoundaryScan {
  from: number;
  found: number;
}

/** Index of the first character at or after `i` that can end a sentence, by the pattern's native scan. */
function nextBoundary(text: string, i: number, scan: BoundaryScan): number {
  if (i < scan.from || i > scan.found) {
    BOUNDARY_CHAR_RE.lastIndex = i;
    scan.from = i;
    scan.found = BOUNDARY_CHAR_RE.test(text) ? BOUNDARY_CHAR_RE.lastIndex - 1 : text.length;
  }
  return scan.found;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * What /([A-Za-z][A-Za-z./]{0,11})$/ captures in `s`: the word (letters, dots, slashes) that ends it, from
 * its first letter, at most 12 characters; without the pattern's match array, as it runs for every dot.
 */
export function wordAtEnd(s: string): string | undefined {
  let q = s.length;
  while (q > 0) {
    const c = s.charCodeAt(q - 1);
    if (!isLetter(c) && c !== 46 && c !== 47) break;
    q--;
  }
  for (let p = Math.max(q, s.length - 12); p < s.length; p++)
    if (isLetter(s.charCodeAt(p))) return s.slice(p);
  return undefined;
}

/** Last index of `ch` in (lo, hi], or -1. */
function lastIndexAbove(text: string, ch: string, lo: number, hi: number): number {
  for (let k = hi; k > lo; k--) if (text[k] === ch) return k;
  return -1;
}

/** Only a one- or two-digit number (after blanks or bullets) between `from` and the dot at `dot`. */
function numberedItem(text: string, from: number, dot: number): boolean {
  let p = dot;
  while (p > from && dot - p < 2 && text[p - 1]! >= '0' && text[p - 1]! <= '9') p--;
  if (p === dot || (p > from && text[p - 1]! >= '0' && text[p - 1]! <= '9')) return false;
  for (let k = p - 1; k >= from; k--) if (!/[\s>*•-]/.test(text[k]!)) return false;
  return true;
}

/** Does the sentence name a level that `label` ("L4-5", "L4-5 and L5-S1") does not? */
function namesOtherLevel(sentence: string, label: string): boolean {
  const squash = (t: string) => t.replace(/\s+/g, '').toUpperCase();
  const own = squash(label);
  NAMED_LEVEL_RE.lastIndex = 0;
  for (let m = NAMED_LEVEL_RE.exec(sentence); m !== null; m = NAMED_LEVEL_RE.exec(sentence))
    if (!own.includes(squash(m[0]))) return true;
  return false;
}

/**
 * A level label ("L4-5:") applies to its own sentence and to the following ones of the same paragraph,
 * until the next label, a blank line or a new section. A clause opener ("At L4-5, there is a bulge. The
 * foramina are mildly narrowed.") carries its levels more cautiously, since it is prose: along its
 * own line only, and not past a sentence that names another level or turns to the other levels (`carryEnds`).
 */
function attachLevelLabels(text: string, sentences: Sentence[], carryEnds: RegExp | null): void {
  let current: Sentence['levelLabel'] = null;
  // The current label came from an "At L4-5" opener.
  let opened = false;
  // A label with text after it on its line ("L3-4: mild bulge. No stenosis.") covers that logical line; a
  // label standing alone ("L3-4:") covers the lines under it until a blank line or the next label.
  let lineOnly = false;
  let prev: Sentence | null = null;
  for (const s of sentences) {
    const gap = prev ? text.slice(prev.end, s.start) : '';
    if (prev && (prev.section !== s.section || /\n[ \t]*\n/.test(gap) || (lineOnly && gap.includes('\n')))) {
      current = null;
    }
    const m = LEVEL_LABEL_RE.exec(s.text);
    // Without a colon, only a disc level opening a line labels its paragraph ("L5/S1 Large extrusion.").
    const atLineStart = () =>
      s.start === 0 || /\n[ \t]*$/.test(text.slice(Math.max(0, s.start - 20), s.start));
    const isLabel =
      m?.[1] &&
      (m[2] === ':' ||
        (atLineStart() &&
          !/^\s*at\s/i.test(m[0]) &&
          /[-–—/]/.test(m[1]) &&
          /^[A-Z]/.test(s.text.slice(m[0].length))));
    const at = isLabel ? null : AT_OPENER_RE.exec(s.text);
    if (m?.[1] && isLabel) {
      const from = s.text.indexOf(m[1]);
      current = { text: m[1], start: s.start + from, end: s.start + from + m[1].length };
      lineOnly = s.text.slice(m[0].length).trim() !== '';
      opened = false;
    } else if (at?.[1]) {
      const from = s.text.indexOf(at[1]);
      current = { text: at[1], start: s.start + from, end: s.start + from + at[1].length };
      // Prose, not a heading: it carries along its own line only (reports that put each sentence on a
      // line of its own have moved on to another subject on the next).
      lineOnly = true;
      opened = true;
    } else if (current && gap.includes('\n') && /^[A-Za-z][A-Za-z ]{2,30}:/.test(s.text)) {
      // An unknown sub-heading on a line of its own ends the level paragraph; on the label's line it is
      // one of the level's own items ("L3-4: Disc: bulge. Canal: mild stenosis.").
      current = null;
    } else if (current && opened && (namesOtherLevel(s.text, current.text) || carryEnds?.test(s.text))) {
      current = null;
    }
    s.levelLabel = current;
    prev = s;
  }
}
