/**
 * The one word tokeniser every stage shares, so that lexicon terms, context triggers and document text
 * are cut the same way. A single linear regex pass; offsets point into the text that was given.
 */
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  /** The characters as written (for a word broken by a line-end hyphen, without the hyphen and newline). */
  text: string;
  /** Lower-cased text. */
  lower: string;
  /** Matching key: Porter stem of `lower` for words, `lower` otherwise. */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
}

// Letters (any script), numbers with an optional decimal part, or any single other visible character.
// Each alternative is a simple character class run, so the pattern cannot backtrack catastrophically.
const TOKEN_RE = /(\p{L}[\p{L}\p{M}']*)|(\d+(?:[.,]\d+)?)|([^\s\p{L}\d])/gu;

const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Porter stem of a lower-case word, cached (clinical vocabulary is small; hostile input is bounded). */
export function stem(lower: string): string {
  let s = STEM_CACHE.get(lower);
  if (s === undefined) {
    s = lower.length <= 3 ? lower : (porter as { stem(w: string): string }).stem(lower);
    if (STEM_CACHE.size >= STEM_CACHE_LIMIT) STEM_CACHE.clear();
    STEM_CACHE.set(lower, s);
  }
  return s;
}

/**
 * Tokenise `text`, adding `offset` to every position (so a sentence can be tokenised with document
 * offsets). A word split across a line by a hyphen ("degen-\nerative") becomes one token whose span
 * covers the original characters.
 */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const start = m.index + offset;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      tokens.push(word(m[1], start, end));
    } else if (m[2] !== undefined) {
      tokens.push({ text: m[2], lower: m[2], norm: m[2].replace(',', '.'), start, end, kind: 'number' });
    } else {
      tokens.push({ text: m[0], lower: m[0], norm: m[0], start, end, kind: 'punct' });
    }
  }
  return joinLineBreakHyphens(tokens, text, offset);
}

function word(text: string, start: number, end: number): Token {
  const lower = text.toLowerCase();
  return { text, lower, norm: stem(lower), start, end, kind: 'word' };
}

/** "degen-\nerative" → one token "degenerative". Only a hyphen directly before a line break counts. */
function joinLineBreakHyphens(tokens: Token[], text: string, offset: number): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const hy = tokens[i + 1];
    const next = tokens[i + 2];
    if (
      t.kind === 'word' &&
      hy?.text === '-' &&
      hy.start === t.end &&
      next?.kind === 'word' &&
      /^[ \t]*\n[ \t]*$/.test(text.slice(hy.end - offset, next.start - offset)) &&
      next.text[0] === next.lower[0]
    ) {
      const joined = word(t.text + next.text, t.start, next.end);
      out.push(joined);
      i += 2;
    } else {
      out.push(t);
    }
  }
  return out;
}
