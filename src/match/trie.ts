/**
 * A token trie: every phrase of a lexicon compiled once, matched in one pass over a sentence's tokens.
 * Keys are token stems (or exact text for case-sensitive phrases); the `...` token in a phrase is a gap of
 * up to MAX_GAP tokens that never crosses clause punctuation.
 */
import { type Token, tokenize } from '../text/tokenize.js';

export const GAP = '...';
const MAX_GAP = 4;
const CLAUSE_PUNCT = new Set(['.', ';', ':', '?', '!']);

interface Node<T> {
  next: Map<string, Node<T>>;
  gap: Node<T> | null;
  payload: T | null;
}

export interface TrieMatch<T> {
  start: number; // token index
  end: number; // token index, exclusive
  payload: T;
  hasGap: boolean;
}

export interface PhraseKeyOptions {
  caseSensitive?: boolean;
}

/** The tokens that take part in phrase matching: hyphens joining words are dropped ("broad-based"). */
export function matchableTokens(tokens: Token[]): Token[] {
  return tokens.filter((t) => !(t.kind === 'punct' && (t.text === '-' || t.text === '–')));
}

/** Cut a lexicon phrase into trie keys with the same tokeniser the text goes through. */
export function phraseKeys(phrase: string, opts: PhraseKeyOptions = {}): string[] {
  const keys: string[] = [];
  for (const part of phrase.split(/(\.\.\.|…)/)) {
    if (part === '...' || part === '…') {
      keys.push(GAP);
      continue;
    }
    for (const t of matchableTokens(tokenize(part))) keys.push(opts.caseSensitive ? `=${t.text}` : t.norm);
  }
  while (keys[0] === GAP) keys.shift();
  while (keys[keys.length - 1] === GAP) keys.pop();
  return keys;
}

export class PhraseTrie<T> {
  private readonly root: Node<T> = { next: new Map(), gap: null, payload: null };
  private readonly gapStops: Set<string>;

  /** `gapStopWords`: words (any inflection) that a gap never spans, such as negations. */
  constructor(gapStopWords: readonly string[] = []) {
    this.gapStops = new Set(gapStopWords.flatMap((w) => tokenize(w).map((t) => t.norm)));
  }
  /** Every non-gap key, for fuzzy lookup of unknown words. */
  readonly keys = new Set<string>();

  add(keys: string[], payload: T, overwrite = false): boolean {
    if (keys.length === 0) return false;
    let node = this.root;
    for (const k of keys) {
      if (k === GAP) {
        node.gap ??= { next: new Map(), gap: null, payload: null };
        node = node.gap;
        continue;
      }
      this.keys.add(k);
      let child = node.next.get(k);
      if (!child) {
        child = { next: new Map(), gap: null, payload: null };
        node.next.set(k, child);
      }
      node = child;
    }
    if (node.payload !== null && !overwrite) return false;
    node.payload = payload;
    return true;
  }

  /**
   * Longest phrase starting at token `i`. `keysOf` gives the keys a token may match (its stem, its exact
   * text, a fuzzy correction).
   */
  longestAt(tokens: Token[], i: number, keysOf: (t: Token) => readonly string[]): TrieMatch<T> | null {
    let best: TrieMatch<T> | null = null;
    const walk = (node: Node<T>, j: number, hasGap: boolean, budget: number): void => {
      if (node.payload !== null && j > i && (!best || j > best.end)) {
        best = { start: i, end: j, payload: node.payload, hasGap };
      }
      if (budget <= 0) return;
      if (j < tokens.length) {
        for (const k of keysOf(tokens[j]!)) {
          const child = node.next.get(k);
          if (child) walk(child, j + 1, hasGap, budget - 1);
        }
      }
      if (node.gap) {
        // Skip 0..MAX_GAP tokens, never across clause punctuation.
        for (let s = 0; s <= MAX_GAP && j + s < tokens.length; s++) {
          const skipped = tokens[j + s - 1];
          if (s > 0 && (CLAUSE_PUNCT.has(skipped!.text) || this.gapStops.has(skipped!.norm))) break;
          walkAfterGap(node.gap, j + s, budget - s);
        }
      }
    };
    const walkAfterGap = (gapNode: Node<T>, j: number, budget: number): void => {
      if (j >= tokens.length) return;
      for (const k of keysOf(tokens[j]!)) {
        const child = gapNode.next.get(k);
        if (child) walk(child, j + 1, true, budget - 1);
      }
    };
    walk(this.root, i, false, 24);
    return best;
  }

  /** Non-overlapping longest matches, left to right. */
  scan(tokens: Token[], keysOf: (t: Token) => readonly string[]): TrieMatch<T>[] {
    const out: TrieMatch<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = this.longestAt(tokens, i, keysOf);
      if (m) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  }
}

/** Keys of a token for lexicons without fuzzy matching: its stem and its exact text. */
export function plainKeys(t: Token): readonly string[] {
  return [t.norm, `=${t.text}`];
}
