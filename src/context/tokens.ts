/**
 * The token stream ConText matches on: the shared tokenizer's tokens, with hyphens dropped (so "gram-negative"
 * and "gram negative" match alike), curly apostrophes read as straight ones and a trailing possessive "'s"
 * removed ("patient's mother" matches "patient mother"). A written level ("L4-5", "C6/7", "L5-S1") costs a
 * scope one word, and its slash is no list separator.
 */
import { stem, type Token, tokenize } from '../text/tokenize.js';

export interface MatchToken {
  /** Lower-case matching key. */
  key: string;
  /** Porter stem of the key (for `stem` rules). */
  stemKey: string;
  /** Document offsets. */
  start: number;
  end: number;
  /** Counts towards a scope's word limit (a level's number glued to its letter, "L4", counts once). */
  counts: boolean;
  /** A word (not a number or punctuation). */
  word: boolean;
}

const JOINERS = new Set(['-', '\u2010', '\u2011', '\u2013']);
// Same-length replacement keeps every offset valid.
const APOSTROPHES_RE = /[\u2018\u2019\u02BC`]/g;
const APOSTROPHE_RE = /[\u2018\u2019\u02BC`]/;

/**
 * The match stream of `text` (document offsets from `offset`). `shared`: the shared tokenizer's tokens of the
 * same text at the same offset, when the caller already has them (the concept matcher cuts every sentence);
 * they are used unless the text has an apostrophe to straighten, which changes how it is cut.
 */
export function matchTokens(text: string, offset = 0, shared?: readonly Token[]): MatchToken[] {
  const raw =
    shared && !APOSTROPHE_RE.test(text) ? shared : tokenize(text.replace(APOSTROPHES_RE, "'"), offset);
  const out: MatchToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (t.kind === 'punct' && JOINERS.has(t.text)) continue;
    // The slash of "C6/7" joins a level, it does not separate list items.
    if (t.text === '/' && i + 1 < raw.length && continuesLevel(raw, i + 1)) continue;
    let key = t.lower;
    if (t.kind === 'word' && key.length > 2 && key.endsWith("'s")) key = key.slice(0, -2);
    const prev = raw[i - 1];
    const glued = t.kind === 'number' && prev?.kind === 'word' && prev.end === t.start;
    out.push({
      key,
      // The tokeniser already stemmed the lower-case word; only a cut possessive needs a stem of its own.
      stemKey: t.kind === 'word' ? (key === t.lower ? t.norm : stem(key)) : key,
      start: t.start,
      end: t.end,
      counts: (t.kind === 'word' || (t.kind === 'number' && !glued)) && !continuesLevel(raw, i),
      word: t.kind === 'word',
    });
  }
  return out;
}

const isGluedNumber = (raw: readonly Token[], i: number): boolean => {
  const t = raw[i];
  const prev = raw[i - 1];
  return t?.kind === 'number' && prev?.kind === 'word' && prev.end === t.start;
};

/**
 * The second half of a written level ("L4-5", "L5-S1", "C5/6", "T12\u2013L1") is one word with the first, so a
 * level costs a scope one word however it is written.
 */
function continuesLevel(raw: readonly Token[], i: number): boolean {
  const t = raw[i]!;
  const sep = raw[i - 1];
  if (!sep || sep.end !== t.start || !(JOINERS.has(sep.text) || sep.text === '/')) return false;
  if (!isGluedNumber(raw, i - 2) || raw[i - 2]!.end !== sep.start) return false;
  if (t.kind === 'number') return true;
  return t.kind === 'word' && t.text.length <= 2 && isGluedNumber(raw, i + 1);
}

/** The keys a lexicon phrase matches on. */
export function phraseKeys(phrase: string, useStem: boolean): string[] {
  return matchTokens(phrase).map((t) => (useStem ? t.stemKey : t.key));
}

/**
 * Phrase keys for many phrases made of few words (macro expansions). A phrase is cut at its spaces and each
 * piece tokenised once: every rule of `matchTokens` that looks at a neighbouring token (levels, glued
 * numbers, slashes) needs the two to touch, and the tokeniser never joins across a space, so the keys of a
 * phrase are the keys of its space-separated pieces in order. Phrases must have their whitespace collapsed
 * to single spaces (as `expandPhrase` returns them).
 */
export class PhraseKeyCache {
  private readonly pieces = new Map<string, readonly MatchToken[]>();
  private readonly literal = new Map<string, readonly string[]>();

  keys(phrase: string, useStem: boolean): string[] {
    const out: string[] = [];
    for (const piece of phrase.split(' ')) {
      for (const k of useStem ? this.stemmed(piece) : this.literalKeys(piece)) out.push(k);
    }
    return out;
  }

  private literalKeys(piece: string): readonly string[] {
    let keys = this.literal.get(piece);
    if (!keys) {
      // A plain lower-case word is its own only key: no need to tokenise (and stem) it at start-up.
      keys = PLAIN_WORD_RE.test(piece) ? [piece] : this.tokens(piece).map((t) => t.key);
      this.literal.set(piece, keys);
    }
    return keys;
  }

  private stemmed(piece: string): readonly string[] {
    return this.tokens(piece).map((t) => t.stemKey);
  }

  private tokens(piece: string): readonly MatchToken[] {
    let tokens = this.pieces.get(piece);
    if (!tokens) {
      tokens = matchTokens(piece);
      this.pieces.set(piece, tokens);
    }
    return tokens;
  }
}

const PLAIN_WORD_RE = /^[a-z]+$/;
