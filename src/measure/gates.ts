/**
 * Gates: cheap tests that let a sentence skip a pattern. Every measurement pattern is tried at every position
 * of every sentence it is run on; most sentences hold none of the words its matches need, and looking for a
 * few strings costs a fraction of a scan. Each gate only ever says "maybe" where the pattern could match, so
 * results are those of running every pattern everywhere.
 */
import type { SentenceView } from './context.js';
import type { CompiledLexicon } from './lexicon.js';

/**
 * Needles of a pattern: lower-case ASCII strings one of which every match of the pattern holds (matched
 * case-insensitively), and the same as one alternation with the patterns' flags (`iu`). Null when the words are
 * not all ASCII: such a pattern is always run.
 */
export type Needles = { readonly words: readonly string[]; readonly re: RegExp } | null;

/** Needles from strings (lower-case ASCII) one of which every match holds. */
export function needles(words: readonly string[]): Needles {
  if (words.some((w) => w === '' || !ASCII_RE.test(w) || w !== w.toLowerCase())) return null;
  const minimal = words.filter(
    (w, i) => words.indexOf(w) === i && !words.some((o) => o !== w && w.includes(o)),
  );
  return { words: minimal, re: new RegExp(minimal.map(escapeRe).join('|'), 'iu') };
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

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// Up to this many needles, looking for each in the lower-cased text (made once per sentence, shared by every
// gate) beats one scan of their alternation.
const FEW = 6;

/**
 * Whether the sentence may hold one of `needles`: false means the pattern they belong to cannot match. A few
 * needles are looked for in the lower-cased text: lower-casing maps every character that an `iu` pattern
 * matches to an ASCII letter onto that letter, save "ſ" (it folds to "s"), so a text holding "ſ" may hold
 * anything. More are looked for at once, with their alternation.
 */
export function mayHold(view: SentenceView, n: Needles): boolean {
  if (n === null) return true;
  if (n.words.length > FEW) return n.re.test(view.text);
  if (view.lower === undefined) {
    const lower = view.text.toLowerCase();
    view.lower = lower.includes('\u017f') ? null : lower;
  }
  const lower = view.lower;
  if (lower === null) return true;
  for (const w of n.words) if (lower.includes(w)) return true;
  return false;
}

/**
 * A pattern built twice: with its number-word alternatives, and without them for text that holds no number
 * word, where both match alike. Number words under case folding are most of what V8 compiles in the large
 * patterns (tens of milliseconds at start-up), and most documents never need them.
 */
export interface Worded {
  full: RegExp;
  plain: RegExp;
  /** The full build has run (so V8 has compiled it). */
  compiled?: boolean;
}

/**
 * The build of `p` to run on this sentence. Once the full build has run it is compiled, and running it costs
 * no more than the plain one: from then on it is used everywhere, without looking for number words.
 */
export function worded(lex: CompiledLexicon, view: SentenceView, p: Worded): RegExp {
  if (p.compiled) return p.full;
  view.numberWords ??= mayHold(view, lex.numberWordNeedles);
  if (!view.numberWords) return p.plain;
  p.compiled = true;
  return p.full;
}
