/**
 * The one word tokeniser every stage shares, so that lexicon terms, context triggers and document text
 * are cut the same way. A single linear pass; offsets point into the text that was given.
 */
import { formsAt, formsOf } from './words.js';

export { stem } from './stems.js';
export { firstWordId, wordHash } from './words.js';

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

/**
 * `hashStep` of words.ts, repeated here: the scan calls it once per character, and an imported function
 * costs a check of the module binding at every call. The word-table tests fail if the two disagree.
 */
function hashStep(hash: number, unit: number): number {
  return (Math.imul(hash, 31) + unit) & 0x3fffffff;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Tokenise `text`, adding `offset` to every position (so a sentence can be tokenised with document
 * offsets). A word split across a line by a hyphen ("degen-\nerative") becomes one token whose span
 * covers the original characters. `ids`, when given, receives each token's word id (-1 for numbers and
 * punctuation), so that a consumer can keep per-word tables in arrays instead of looking words up again.
 */
export function tokenize(text: string, offset = 0, ids?: number[]): Token[] {
  const tokens: Token[] = [];
  const base = ids?.length ?? 0;
  let hyphens = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    // ASCII (nearly all of clinical text) is classified straight from the table.
    const unit = text.charCodeAt(i);
    if (unit === 32) {
      i++;
      continue;
    }
    const cp = unit < 0xd800 ? unit : codePointAt(text, i);
    const width = cp >= 0x10000 ? 2 : 1;
    const cls = cp < 0x80 ? BMP_CLASS[cp]! : classOf(cp);
    if (cls & LETTER) {
      // The word's hash is taken as it is read (`wordHash` of the same code units).
      let hash = unit;
      if (width === 2) hash = hashStep(hash, text.charCodeAt(i + 1));
      let j = i + width;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c < 0x80) {
          if (c !== 39 /* ' */ && !(BMP_CLASS[c]! & LETTER)) break;
          hash = hashStep(hash, c);
          j++;
          continue;
        }
        const next = codePointAt(text, j);
        if (!(classOf(next) & (LETTER | MARK))) break;
        hash = hashStep(hash, c);
        if (next >= 0x10000) {
          hash = hashStep(hash, text.charCodeAt(j + 1));
          j += 2;
        } else j++;
      }
      const f = formsAt(text, i, j, hash);
      tokens.push({
        text: f.text,
        lower: f.lower,
        norm: f.norm,
        start: i + offset,
        end: j + offset,
        kind: 'word',
      });
      if (ids) ids.push(f.id);
      i = j;
    } else if (isDigit(cp)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const sep = text.charCodeAt(j);
      const decimal = (sep === 46 || sep === 44) && isDigit(text.charCodeAt(j + 1));
      if (decimal) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      const num = text.slice(i, j);
      tokens.push({
        text: num,
        lower: num,
        norm: decimal && sep === 44 ? num.replace(',', '.') : num,
        start: i + offset,
        end: j + offset,
        kind: 'number',
      });
      if (ids) ids.push(-1);
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
      if (ids) ids.push(-1);
      i += width;
    }
  }
  return hyphens ? joinLineBreakHyphens(tokens, text, offset, ids, base) : tokens;
}

/**
 * "degen-\nerative" → one token "degenerative". Only a hyphen directly before a line break counts. `ids`
 * from `base` on are the tokens' word ids, rewritten to match.
 */
function joinLineBreakHyphens(
  tokens: Token[],
  text: string,
  offset: number,
  ids: number[] | undefined,
  base: number,
): Token[] {
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
      const f = formsOf(t.text + next.text);
      out.push({ text: f.text, lower: f.lower, norm: f.norm, start: t.start, end: next.end, kind: 'word' });
      if (ids) ids[base + out.length - 1] = f.id;
      i += 2;
    } else {
      out.push(t);
      if (ids) ids[base + out.length - 1] = ids[base + i]!;
    }
  }
  if (ids) ids.length = base + out.length;
  return out;
}

/**
 * A document's tokens, computed once and shared by the stages that read its parts: the tokens of
 * `text.slice(0, end)` with document offsets, and their word ids.
 */
export interface DocumentTokens {
  text: string;
  end: number;
  tokens: Token[];
  ids: number[];
}

/** The tokens of `text`, or of its first `end` characters (a shorter head of a very long document). */
export function documentTokens(text: string, end = text.length): DocumentTokens {
  const e = Math.min(end, text.length);
  const ids: number[] = [];
  const tokens = tokenize(e === text.length ? text : text.slice(0, e), 0, ids);
  return { text, end: e, tokens, ids };
}

/** Index of the first token ending after `offset`. */
function firstEndingAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Exactly `tokenize(doc.text.slice(from, to), from, ids)`, taken from the document's tokens. Every
 * character that is not a space belongs to a token, and a token depends only on its own characters and
 * the one after it, so the tokens lying wholly inside [from, to) are the slice's own. A token cut at `from`
 * (rare: sentences and sections start on a token) means the range is tokenised afresh; one cut at `to` is
 * re-read from its start up to `to`, as the slice would read it.
 */
export function tokensIn(doc: DocumentTokens, from: number, to: number, ids?: number[]): Token[] {
  if (to > doc.end) return tokenize(doc.text.slice(from, to), from, ids);
  const { tokens } = doc;
  const i = firstEndingAfter(tokens, from);
  if (i < tokens.length && tokens[i]!.start < from) return tokenize(doc.text.slice(from, to), from, ids);
  const k = firstEndingAfter(tokens, to);
  const out = tokens.slice(i, k);
  if (ids) for (let x = i; x < k; x++) ids.push(doc.ids[x]!);
  const cut = tokens[k];
  if (cut !== undefined && cut.start < to) {
    for (const t of tokenize(doc.text.slice(cut.start, to), cut.start, ids)) out.push(t);
  }
  return out;
}

/** The tokens of a range of a document, with their word ids: `tokens[start..end)` and `ids[start..end)`. */
export interface TokenSpan {
  tokens: readonly Token[];
  ids: readonly number[];
  start: number;
  end: number;
}

/**
 * `tokensIn` without copying: when no token is cut at either end of [from, to) (a sentence's usual case),
 * the span is a stretch of the document's own arrays.
 */
export function tokenSpan(doc: DocumentTokens, from: number, to: number): TokenSpan {
  if (to <= doc.end) {
    const { tokens } = doc;
    const i = firstEndingAfter(tokens, from);
    const k = firstEndingAfter(tokens, to);
    if ((i === tokens.length || tokens[i]!.start >= from) && (k === tokens.length || tokens[k]!.start >= to))
      return { tokens, ids: doc.ids, start: i, end: k };
  }
  const ids: number[] = [];
  const tokens = tokensIn(doc, from, to, ids);
  return { tokens, ids, start: 0, end: tokens.length };
}
