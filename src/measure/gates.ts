/**
 * Gates: cheap tests that let a sentence skip a pattern. Every measurement pattern is tried at every position
 * of every sentence it is run on; most sentences hold none of the words its matches need, and looking for a
 * few strings costs a fraction of a scan. Each gate only ever says "maybe" where the pattern could match, so
 * results are those of running every pattern everywhere.
 */
import { escapeRegExp } from '../util/regex.js';
import type { SentenceView } from './context.js';
import { type Caseless, foldable, foldSource } from './fold.js';
import type { CompiledLexicon } from './lexicon.js';

/**
 * Needles of a pattern: lower-case ASCII strings one of which every match of the pattern holds (matched
 * case-insensitively), and the same as one alternation, to look for in the lower-cased text. Null when the
 * words are not all ASCII: such a pattern is always run.
 */
export type Needles = {
  readonly words: readonly string[];
  readonly re: RegExp;
  readonly atEnd?: true;
} | null;

/** Needles from strings (lower-case ASCII) one of which every match holds. */
export function needles(words: readonly string[]): Needles {
  if (words.some((w) => w === '' || !ASCII_RE.test(w) || w !== w.toLowerCase())) return null;
  const minimal = words.filter(
    (w, i) => words.indexOf(w) === i && !words.some((o) => o !== w && w.includes(o)),
  );
  return { words: minimal, re: new RegExp(minimal.map(escapeRegExp).join('|')) };
}

/**
 * Needles that end a run of letters (in a pattern, each is followed by something that is no letter), which
 * rules out most words that merely hold one ("mo" in "more"). The lower-cased text holds a needle so too:
 * nothing but a letter lower-cases to an ASCII letter. A needle of marks and digits ("/52") is looked for
 * as it is.
 */
export function needlesAtEnd(words: readonly string[]): Needles {
  if (words.some((w) => w === '' || !ASCII_RE.test(w) || w !== w.toLowerCase())) return null;
  const unique = [...new Set(words)];
  const letters = unique.filter((w) => /^[a-z]+$/.test(w));
  const others = unique.filter((w) => !/^[a-z]+$/.test(w)).map(escapeRegExp);
  const ends = letters.length ? [`(?:${letters.join('|')})(?![a-z])`] : [];
  return { words, re: new RegExp([...ends, ...others].join('|')), atEnd: true };
}

/**
 * Needles for an alternation of phrases (`alternation` in lexicon.ts: literal words, any run of spaces
 * matching any whitespace): each phrase's longest word (the rarest, as a rule).
 */
export function needlesOf(phrases: readonly string[]): Needles {
  return needles(
    phrases.map((p) => {
      let longest = '';
      for (const w of p.split(' ')) if (w.length > longest.length) longest = w;
      return longest.toLowerCase();
    }),
  );
}

const ASCII_RE = /^[\x20-\x7e]+$/;

// Up to this many needles, looking for each in the lower-cased text (made once per sentence, shared by every
// gate) beats one scan of their alternation.
const FEW = 6;

/**
 * Whether the sentence may hold one of `needles`: false means the pattern they belong to cannot match. A few
 * needles are looked for in the lower-cased text: lower-casing maps every character that an `iu` pattern
 * matches to an ASCII letter onto that letter, save "ſ" (it folds to "s"), so a text holding "ſ" may hold
 * anything. More are looked for at once, with their alternation (without `i`, on the lower-cased text too:
 * a pattern without `u` or `i` is the cheapest that V8 compiles).
 */
export function mayHold(view: SentenceView, n: Needles): boolean {
  if (n === null) return true;
  const lower = lowerOf(view);
  if (lower === null) return true;
  if (n.atEnd || n.words.length > FEW) return n.re.test(lower);
  for (const w of n.words) if (lower.includes(w)) return true;
  return false;
}

/** The text lower-cased, once per sentence; null when it holds "ſ" (see `mayHold`). */
function lowerOf(view: SentenceView): string | null {
  if (view.lower === undefined) folded(view);
  return view.lower!;
}

/**
 * A pattern built twice: with its number-word alternatives, and without them for text that holds no number
 * word, where both match alike. Number words under case folding are most of what V8 compiles in the large
 * patterns (tens of milliseconds at start-up), and most documents never need them. Each build comes again
 * without the `i` flag, for the sentence's lower-cased text (see fold.ts).
 */
export interface Worded {
  readonly full: RegExp;
  readonly plain: RegExp;
  /** `full` to run on the folded text; null when its source cannot be folded (fold.ts). */
  readonly fullLower: RegExp | null;
  readonly plainLower: RegExp | null;
  /** Both builds fold (without making them). */
  readonly folds: boolean;
  /** The full build has run (so V8 has compiled it), on the folded text and on the text itself. */
  compiled?: boolean;
  compiledLower?: boolean;
}

/**
 * The builds of a pattern from its sources with and without number words (`flags`: all flags but `i`). All
 * but the plain folded one are made on first use: V8 parses a unicode pattern when it is built.
 */
export function wordedPatterns(full: string, plain: string, flags: string): Worded {
  const fullLower = foldSource(full);
  const plainLower = foldSource(plain);
  let fullRe: RegExp | undefined;
  let plainRe: RegExp | undefined;
  let fullLowerRe: RegExp | undefined;
  return {
    get full() {
      fullRe ??= new RegExp(full, `${flags}i`);
      return fullRe;
    },
    get plain() {
      plainRe ??= new RegExp(plain, `${flags}i`);
      return plainRe;
    },
    // Most short documents hold no number word and never need the full build.
    get fullLower() {
      if (fullLower === null) return null;
      fullLowerRe ??= new RegExp(fullLower, flags);
      return fullLowerRe;
    },
    plainLower: plainLower === null ? null : new RegExp(plainLower, flags),
    folds: fullLower !== null && plainLower !== null,
  };
}

/**
 * The sentence lower-cased where a pattern's build without `i` finds on it what the pattern finds on the
 * sentence (see fold.ts), once per sentence; else null.
 */
export function folded(view: SentenceView): string | null {
  if (view.folded === undefined) {
    const lower = view.text.toLowerCase();
    view.folded = lower.length === view.text.length && foldable(lower) ? lower : null;
    view.lower = lower.includes('\u017f') ? null : lower;
  }
  return view.folded;
}

/** A pattern to run on this sentence: its build for the folded text where there is one, else itself. */
export function onView(c: Caseless, view: SentenceView): { re: RegExp; on: string } {
  const lower = c.lower === null ? null : folded(view);
  return lower === null ? { re: c.re, on: view.text } : { re: c.lower!, on: lower };
}

/**
 * The build of `p` to run on this sentence, and the text to run it on (the folded text where there is a
 * build for it: offsets are the sentence's either way, but matched text comes lower-cased). Once the full
 * build has run it is compiled, and running it costs no more than the plain one: from then on it is used
 * everywhere, without looking for number words.
 */
export function worded(lex: CompiledLexicon, view: SentenceView, p: Worded): { re: RegExp; on: string } {
  const lower = p.folds ? folded(view) : null;
  if (lower !== null) {
    if (p.compiledLower || numberWordsIn(lex, view)) {
      p.compiledLower = true;
      return { re: p.fullLower!, on: lower };
    }
    return { re: p.plainLower!, on: lower };
  }
  if (p.compiled || numberWordsIn(lex, view)) {
    p.compiled = true;
    return { re: p.full, on: view.text };
  }
  return { re: p.plain, on: view.text };
}

function numberWordsIn(lex: CompiledLexicon, view: SentenceView): boolean {
  if (view.numberWords === undefined) view.numberWords = mayHoldNumberWord(lex, view);
  return view.numberWords;
}

/**
 * Whether a number word of the lexicon may start a match here: a number word (in the lower-cased text) with
 * no ASCII letter right before it, save an "x" that no letter precedes ("x2", "xtwo") and the "to" or "or"
 * of a range ("3 tofive"). Every number word of the patterns stands so (after `(?<![\p{L}\d.,/])`, a lone
 * "x" or a range's link; the words after it follow a first one); "bone", "often" or "extent" do not.
 * Anything but an ASCII letter before it counts: a character before the word that the pattern takes for no
 * letter is never an ASCII letter once lower-cased.
 */
export function mayHoldNumberWord(lex: CompiledLexicon, view: SentenceView): boolean {
  const starts = lex.numberWordStarts;
  if (starts === null) return true;
  const lower = lowerOf(view);
  if (lower === null) return true;
  for (const w of starts) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      if (i === 0) return true;
      const c = lower.charCodeAt(i - 1);
      if (!isLowerAscii(c)) return true;
      const b = i >= 2 ? lower.charCodeAt(i - 2) : -1;
      if (c === X && !isLowerAscii(b)) return true;
      if ((c === O && b === T) || (c === R && b === O)) return true;
    }
  }
  return false;
}

const [X, O, T, R] = [0x78, 0x6f, 0x74, 0x72];

function isLowerAscii(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
