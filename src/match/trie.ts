/**
 * A token trie: every phrase of a lexicon compiled once, matched in one pass over a sentence's tokens.
 * Keys are token stems (or exact text for case-sensitive phrases); the `...` token in a phrase is a gap of
 * up to MAX_GAP tokens that never crosses clause punctuation.
 *
 * A token's keys are looked up once per sentence (a key table) rather than at every trie step, and the walk
 * keeps its state on the trie, so matching allocates nothing but the matches it returns.
 */
import { firstWordId, type Token, tokenize } from '../text/tokenize.js';
import { memoizedPhrase, notePhrase, phraseMemoKey } from '../util/lexicon-memo.js';

export const GAP = '...';
/**
 * The key of a spinal level read as one token (the concept matcher's `matchableTokens`), and how a phrase
 * writes it: "pain ... {level} dermatome" matches "pain in the L5 dermatome".
 */
export const LEVEL_KEY = '<level>';
const LEVEL_SLOT = '{level}';
const SLOT_RE = /(\.\.\.|…|\{level\})/;
const MAX_GAP = 4;
/** Tokens a walk may consume from its start (gaps count their skipped tokens). */
const BUDGET = 24;
const CLAUSE_PUNCT = new Set(['.', ';', ':', '?', '!']);

interface Node<T> {
  next: Map<string, Node<T>>;
  gap: Node<T> | null;
  payload: T | null;
}

// Most nodes end a phrase and have no children: they share one empty map (never written to; `add` gives a
// node a map of its own with its first child), which saves thousands of maps per trie.
const LEAF = new Map<string, never>();
const newNode = <T>(): Node<T> => ({ next: LEAF, gap: null, payload: null });

export interface TrieMatch<T> {
  start: number; // token index
  end: number; // token index, exclusive
  payload: T;
  hasGap: boolean;
}

export interface PhraseKeyOptions {
  caseSensitive?: boolean;
  /** Collects the phrase's words, lower-cased (the vocabulary of fuzzy matching), from the same pass. */
  words?: Set<string>;
}

/** The keys each token may match (its stem, its exact text, a fuzzy correction), one entry per token. */
export type KeyTable = readonly (readonly string[])[];

/** The trie key of a token's exact text (case-sensitive phrases). */
export function exactKey(text: string): string {
  return `=${text}`;
}

/** A hyphen joining words ("broad-based", "X-ray"): phrases match as if it were a space. */
export function isJoiner(t: Token): boolean {
  return t.kind === 'punct' && (t.text === '-' || t.text === '–');
}

/** The tokens that take part in phrase matching: hyphens joining words are dropped ("broad-based"). */
export function matchableTokens(tokens: Token[]): Token[] {
  return tokens.filter((t) => !isJoiner(t));
}

/** `matchableTokens` with the word ids that go with them (as `tokenize` reports them). */
export function matchableWithIds(tokens: Token[], ids: number[]): { tokens: Token[]; ids: number[] } {
  if (!tokens.some(isJoiner)) return { tokens, ids };
  const kept: Token[] = [];
  const keptIds: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (isJoiner(tokens[i]!)) continue;
    kept.push(tokens[i]!);
    keptIds.push(ids[i]!);
  }
  return { tokens: kept, ids: keptIds };
}

/** Cut a lexicon phrase into trie keys with the same tokeniser the text goes through (or take the build's). */
export function phraseKeys(phrase: string, opts: PhraseKeyOptions = {}): string[] {
  const caseSensitive = opts.caseSensitive === true;
  const memoKey = phraseMemoKey(phrase, caseSensitive);
  const cut =
    (memoKey === null ? undefined : memoizedPhrase(memoKey, cutMemoKey)) ?? cutPhrase(phrase, caseSensitive);
  if (opts.words) for (const w of cut.words) opts.words.add(w);
  if (memoKey !== null) notePhrase(memoKey, cut.keys, cut.words);
  return cut.keys;
}

/** The keys of a phrase and its words (lower-cased), as the tokeniser cuts it. */
function cutPhrase(phrase: string, caseSensitive: boolean): { keys: string[]; words: string[] } {
  const keys: string[] = [];
  const words: string[] = [];
  // Most phrases have no gap or level slot: only those with one are cut at it.
  const slotted = phrase.includes('...') || phrase.includes('…') || phrase.includes(LEVEL_SLOT);
  for (const part of slotted ? phrase.split(SLOT_RE) : [phrase]) {
    if (part === '...' || part === '…') {
      keys.push(GAP);
      continue;
    }
    if (part === LEVEL_SLOT) {
      keys.push(LEVEL_KEY);
      continue;
    }
    for (const t of tokenize(part)) {
      if (isJoiner(t)) continue; // as matchableTokens
      keys.push(caseSensitive ? exactKey(t.text) : t.norm);
      if (t.kind === 'word') words.push(t.lower);
    }
  }
  while (keys[0] === GAP) keys.shift();
  while (keys[keys.length - 1] === GAP) keys.pop();
  return { keys, words };
}

/** `cutPhrase` by a phrase's memo key (see phraseMemoKey). */
const cutMemoKey = (key: string) =>
  key.startsWith('=') ? cutPhrase(key.slice(1), true) : cutPhrase(key, false);

/** Keys of a token for lexicons without fuzzy matching: its stem and its exact text. */
export function plainKeys(t: Token): readonly string[] {
  return [t.norm, exactKey(t.text)];
}

/**
 * The plain key table of a sentence, to share between the tries that scan it. `exactTexts`: the texts of
 * the tries' case-sensitive keys (their `exactTexts`); a token's exact key is left out when no trie has it,
 * which changes no match and saves building and looking up a string per token.
 */
export function plainKeyTable(tokens: readonly Token[], exactTexts?: ReadonlySet<string>): string[][] {
  const table: string[][] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    table[i] = !exactTexts || exactTexts.has(t.text) ? [t.norm, exactKey(t.text)] : [t.norm];
  }
  return table;
}

export class PhraseTrie<T> {
  private readonly root: Node<T> = newNode();
  private readonly gapStops: Set<string>;
  /** Every non-gap key, for fuzzy lookup of unknown words. */
  readonly keys = new Set<string>();
  /** The texts of its case-sensitive keys: a token whose text is not here needs no exact key. */
  readonly exactTexts = new Set<string>();

  // State of the walk in progress (one at a time: JavaScript runs one walk to its end).
  private tokens: readonly Token[] = [];
  private table: KeyTable = [];
  private limit = 0;
  private from = 0;
  private bestEnd = -1;
  private bestPayload: T | null = null;
  private bestGap = false;

  /** `gapStopWords`: words (any inflection) that a gap never spans, such as negations. */
  constructor(gapStopWords: readonly string[] = []) {
    this.gapStops = new Set(gapStopWords.flatMap((w) => tokenize(w).map((t) => t.norm)));
  }

  add(keys: string[], payload: T, overwrite = false): boolean {
    if (keys.length === 0) return false;
    let node = this.root;
    for (const k of keys) {
      if (k === GAP) {
        node.gap ??= newNode();
        node = node.gap;
        continue;
      }
      this.keys.add(k);
      if (k.length > 1 && k[0] === '=') this.exactTexts.add(k.slice(1));
      let child = node.next.get(k);
      if (!child) {
        child = newNode();
        if (node.next === LEAF) node.next = new Map();
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
    // Only the tokens a walk from i can reach (its budget, plus a last gap) need keys.
    const reach = Math.min(tokens.length, i + BUDGET + MAX_GAP + 1);
    const table: (readonly string[])[] = new Array(tokens.length);
    for (let j = i; j < reach; j++) table[j] = keysOf(tokens[j]!);
    return this.longestAtKeyed(tokens, table, i);
  }

  /** `longestAt` with the sentence's key table computed beforehand; the phrase ends before `to`. */
  longestAtKeyed(
    tokens: readonly Token[],
    table: KeyTable,
    i: number,
    to = tokens.length,
  ): TrieMatch<T> | null {
    this.begin(tokens, table, to);
    const m = this.walkFrom(i);
    this.end();
    return m;
  }

  /** Non-overlapping longest matches, left to right. */
  scan(tokens: Token[], keysOf: (t: Token) => readonly string[]): TrieMatch<T>[] {
    return this.scanKeyed(tokens, this.tableOf(tokens, keysOf));
  }

  private tableOf(tokens: readonly Token[], keysOf: (t: Token) => readonly string[]): KeyTable {
    return keysOf === plainKeys ? plainKeyTable(tokens, this.exactTexts) : tokens.map((t) => keysOf(t));
  }

  /** Whether a phrase can start on a token with these keys (no phrase starts with a gap). */
  canStart(keys: readonly string[]): boolean {
    for (let x = 0; x < keys.length; x++) if (this.root.next.has(keys[x]!)) return true;
    return false;
  }

  /**
   * `scan` with a key table, over tokens [from, to) only (match indices stay those of `tokens`).
   * `starts`, when the caller knows it, holds per token a set of bits, `bit` set where `canStart` of the
   * token's row is true.
   */
  scanKeyed(
    tokens: readonly Token[],
    table: KeyTable,
    from = 0,
    to = tokens.length,
    starts?: ArrayLike<number>,
    bit = 1,
  ): TrieMatch<T>[] {
    const out: TrieMatch<T>[] = [];
    this.begin(tokens, table, to);
    for (let i = from; i < to; ) {
      const m = (starts ? (starts[i]! & bit) !== 0 : this.canStart(table[i]!)) ? this.walkFrom(i) : null;
      if (m) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    this.end();
    return out;
  }

  private begin(tokens: readonly Token[], table: KeyTable, to: number): void {
    this.tokens = tokens;
    this.table = table;
    this.limit = to;
  }

  /** Drop the sentence, so that the trie does not keep it alive. */
  private end(): void {
    this.tokens = [];
    this.table = [];
  }

  private walkFrom(i: number): TrieMatch<T> | null {
    this.from = i;
    this.bestEnd = -1;
    this.bestPayload = null;
    this.bestGap = false;
    this.walk(this.root, i, false, BUDGET);
    const payload = this.bestPayload;
    this.bestPayload = null;
    return payload === null ? null : { start: i, end: this.bestEnd, payload, hasGap: this.bestGap };
  }

  // Depth first, keys in table order, then the gap: the first of equally long matches wins.
  private walk(node: Node<T>, j: number, hasGap: boolean, budget: number): void {
    if (node.payload !== null && j > this.from && j > this.bestEnd) {
      this.bestEnd = j;
      this.bestPayload = node.payload;
      this.bestGap = hasGap;
    }
    if (budget <= 0) return;
    if (j < this.limit) this.step(node, j, hasGap, budget);
    const gap = node.gap;
    if (gap !== null) {
      // Skip 0..MAX_GAP tokens, never across clause punctuation.
      for (let s = 0; s <= MAX_GAP && j + s < this.limit; s++) {
        if (s > 0) {
          const skipped = this.tokens[j + s - 1]!;
          if (CLAUSE_PUNCT.has(skipped.text) || this.gapStops.has(skipped.norm)) break;
        }
        this.step(gap, j + s, true, budget - s);
      }
    }
  }

  /** Follow each key of token `j` out of `node`. */
  private step(node: Node<T>, j: number, hasGap: boolean, budget: number): void {
    const keys = this.table[j]!;
    for (let x = 0; x < keys.length; x++) {
      const child = node.next.get(keys[x]!);
      if (child !== undefined) this.walk(child, j + 1, hasGap, budget - 1);
    }
  }
}

/** A key table with, per token, start bits: which tries of a group a phrase can start on there. */
export interface StartTable {
  keys: (readonly string[])[];
  starts: number[];
}

/** One token's row of a key table and its start bits. */
export interface KeyRow {
  keys: readonly string[];
  starts: number;
}

/**
 * Key-table rows of tokens, each worked out once per word spelling (by `rowOf`, which must depend on the
 * token's text alone for words, on its text and norm otherwise) and kept by word id in two dense arrays:
 * building a sentence's table then looks no token up.
 */
export class KeyRows {
  private base = firstWordId();
  private wordKeys: (readonly string[] | undefined)[] = [];
  private wordStarts: number[] = [];
  private readonly others = new Map<string, KeyRow>();
  private readonly markRows: (KeyRow | undefined)[] = new Array(128).fill(undefined);

  constructor(private readonly rowOf: (t: Token) => KeyRow) {}

  /**
   * The table of `tokens` (`ids`: their word ids, as `tokenize` reports them). `into`: arrays to write it
   * over (a caller that scans one sentence at a time saves two arrays; entries past the tokens stay).
   */
  table(tokens: readonly Token[], ids: readonly number[], into?: StartTable): StartTable {
    const out = into ?? { keys: new Array(tokens.length), starts: new Array(tokens.length) };
    // Word ids below the base are from before the word table was last cleared: no slot here.
    if (this.base !== firstWordId()) {
      this.base = firstWordId();
      this.wordKeys = [];
      this.wordStarts = [];
    }
    for (let i = 0; i < tokens.length; i++) {
      const id = ids[i]!;
      const slot = id - this.base;
      const known = slot >= 0 ? this.wordKeys[slot] : undefined;
      if (known !== undefined) {
        out.keys[i] = known;
        out.starts[i] = this.wordStarts[slot]!;
        continue;
      }
      const t = tokens[i]!;
      // A fifth of the tokens are punctuation marks: their rows sit in an array by character code, as a
      // Map lookup for each costs more than all the word lookups together.
      const mark = id < 0 ? asciiMark(t) : -1;
      const row = (mark >= 0 ? this.markRows[mark] : undefined) ?? this.slowRow(t, id);
      out.keys[i] = row.keys;
      out.starts[i] = row.starts;
    }
    return out;
  }

  /** The row of a token not yet in the word arrays (a new word, an old word id, a number or a mark). */
  private slowRow(t: Token, id: number): KeyRow {
    // A number's or a punctuation mark's row is kept by its text when its norm is its text (a level
    // token's is not).
    const other = id < 0 && t.norm === t.text;
    const row = other ? this.others.get(t.text) : undefined;
    if (row !== undefined) return row;
    const fresh = this.rowOf(t);
    const mark = id < 0 ? asciiMark(t) : -1;
    if (mark >= 0) {
      this.markRows[mark] = fresh;
      return fresh;
    }
    if (id >= this.base) {
      // Grown in order (words arrive in any order): an array written far past its end turns into a
      // hash table.
      const slot = id - this.base;
      while (this.wordKeys.length < slot) {
        this.wordKeys.push(undefined);
        this.wordStarts.push(0);
      }
      this.wordKeys[slot] = fresh.keys;
      this.wordStarts[slot] = fresh.starts;
    } else if (other) {
      if (this.others.size >= 100_000) this.others.clear();
      this.others.set(t.text, fresh);
    }
    return fresh;
  }
}

/** The character code of a one-character ASCII token whose norm is its text (a mark or digit), else -1. */
function asciiMark(t: Token): number {
  if (t.text.length !== 1 || t.norm !== t.text) return -1;
  const c = t.text.charCodeAt(0);
  return c < 128 ? c : -1;
}

/**
 * Plain rows (as `plainKeyTable`) for a group of up to eight tries scanned over the same tokens, with
 * start bit `1 << k` for `tries[k]`.
 */
export function plainKeyRows(tries: readonly PhraseTrie<unknown>[]): KeyRows {
  const exactTexts = new Set<string>();
  for (const t of tries) for (const x of t.exactTexts) exactTexts.add(x);
  return new KeyRows((t) => {
    const keys = exactTexts.has(t.text) ? [t.norm, exactKey(t.text)] : [t.norm];
    let starts = 0;
    for (let k = 0; k < tries.length; k++) if (tries[k]!.canStart(keys)) starts |= 1 << k;
    return { keys, starts };
  });
}
