/**
 * The one word tokeniser every stage shares, so that lexicon terms, context triggers and document text
 * are cut the same way. A single linear pass; offsets point into the text that was given.
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

// Letters (any script), numbers with an optional decimal part, or any single other visible character:
// /(\p{L}[\p{L}\p{M}']*)|(\d+(?:[.,]\d+)?)|([^\s\p{L}\d])/gu. A hand-written scan of exactly that pattern
// (test/text/tokenize.test.ts holds it to the regex) skips the match arrays the regex would build per token;
// each code point's class is decided by the same Unicode property escapes, once per BMP code point.
const LETTER = 1;
const MARK = 2;
const SPACE = 4;
const KNOWN = 8;
const LETTER_RE = /\p{L}/u;
const MARK_RE = /\p{M}/u;
const SPACE_RE = /\s/u;
const BMP_CLASS = new Uint8Array(0x10000);

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return (LETTER_RE.test(ch) ? LETTER : 0) | (MARK_RE.test(ch) ? MARK : 0) | (SPACE_RE.test(ch) ? SPACE : 0);
}
for (let cp = 0; cp < 0x80; cp++) BMP_CLASS[cp] = classify(cp) | KNOWN;

function classOf(cp: number): number {
  if (cp >= 0x10000) return classify(cp);
  let c = BMP_CLASS[cp]!;
  if (c === 0) {
    c = classify(cp) | KNOWN;
    BMP_CLASS[cp] = c;
  }
  return c;
}

/** The code point at `i` (a lone surrogate stands for itself, as in a /u regex). */
function codePointAt(text: string, i: number): number {
  const hi = text.charCodeAt(i);
  if (hi < 0xd800 || hi > 0xdbff || i + 1 >= text.length) return hi;
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff ? ((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000 : hi;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** Porter stem of a lower-case word, cached (clinical vocabulary is small; hostile input is bounded). */
export function stem(lower: string): string {
  // Short words are their own stem: no cache lookup for the many "of", "at", "the".
  if (lower.length <= 3) return lower;
  let s = STEM_CACHE.get(lower);
  if (s === undefined) {
    s = (porter as { stem(w: string): string }).stem(lower);
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
  let hyphens = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = codePointAt(text, i);
    const width = cp >= 0x10000 ? 2 : 1;
    const cls = classOf(cp);
    if (cls & LETTER) {
      let j = i + width;
      while (j < n) {
        const next = codePointAt(text, j);
        if (next !== 39 /* ' */ && !(classOf(next) & (LETTER | MARK))) break;
        j += next >= 0x10000 ? 2 : 1;
      }
      tokens.push(word(text.slice(i, j), i + offset, j + offset));
      i = j;
    } else if (isDigit(cp)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const sep = text.charCodeAt(j);
      if ((sep === 46 || sep === 44) && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      const num = text.slice(i, j);
      tokens.push({
        text: num,
        lower: num,
        norm: num.replace(',', '.'),
        start: i + offset,
        end: j + offset,
        kind: 'number',
      });
      i = j;
    } else if (cls & SPACE) {
      i += width;
    } else {
      const ch = text.slice(i, i + width);
      if (ch === '-') hyphens = true;
      tokens.push({
        text: ch,
        lower: ch,
        norm: ch,
        start: i + offset,
        end: i + width + offset,
        kind: 'punct',
      });
      i += width;
    }
  }
  return hyphens ? joinLineBreakHyphens(tokens, text, offset) : tokens;
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
