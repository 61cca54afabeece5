/**
 * A tiny compiled phrase matcher over the shared tokeniser, for the case stage's word lists (course
 * words, treatment cues). Phrases are tokenised once at load; matching is one left-to-right pass that
 * takes the longest phrase starting at each token, so "no improvement" wins over "improvement".
 * Scans take a token range, so a sentence can be read inside its document's token list without copying.
 */
import { type Token, tokenize } from '../text/tokenize.js';

export type MatchKey = 'norm' | 'lower';

export interface PhraseHit<C extends string> {
  cls: C;
  phrase: string;
  /** Token index range [first, last] in the scanned token list. */
  first: number;
  last: number;
}

interface Entry<C extends string> {
  keys: string[];
  key: MatchKey;
  cls: C;
  phrase: string;
}

type Buckets<C extends string> = Map<string, Entry<C>[]>;
type Slots = (Entry<string>[] | undefined)[];

/**
 * A one-byte-per-slot filter of the words that start some phrase, by length and first and last character.
 * Most tokens start no phrase, and telling that from three character reads is several times cheaper than
 * the map lookup it saves; a word that passes is looked up as before, so the filter changes no answer.
 */
const FILTER_BITS = 14;
const FILTER_MASK = (1 << FILTER_BITS) - 1;

function slotOf(word: string): number {
  const n = word.length;
  return (((word.charCodeAt(0) * 31 + word.charCodeAt(n - 1)) * 31 + n) & FILTER_MASK) >>> 0;
}

class WordFilter {
  private readonly slots = new Uint8Array(1 << FILTER_BITS);

  add(word: string): void {
    if (word.length > 0) this.slots[slotOf(word)] = 1;
  }

  /** False only for a word that was never added. */
  mayHave(word: string): boolean {
    return word.length > 0 && this.slots[slotOf(word)] === 1;
  }
}

/** The first (longest, then earliest written) entry of `bucket` whose words follow token `i` before `to`. */
function firstMatch<C extends string>(
  bucket: readonly Entry<C>[] | undefined,
  tokens: readonly Token[],
  i: number,
  to: number,
): Entry<C> | undefined {
  if (bucket === undefined) return undefined;
  outer: for (const e of bucket) {
    const n = e.keys.length;
    if (i + n > to) continue;
    // keys[0] is the bucket's own key, already equal
    for (let j = 1; j < n; j++) if (tokens[i + j]![e.key] !== e.keys[j]) continue outer;
    return e;
  }
  return undefined;
}

/** The longer of a stem entry and an exact-word entry; the stem entry wins a tie. */
function longer<C extends string>(
  byStem: Entry<C> | undefined,
  exact: Entry<C> | undefined,
): Entry<C> | undefined {
  return exact && (!byStem || exact.keys.length > byStem.keys.length) ? exact : byStem;
}

/**
 * Phrases are compared on `key` (by default the Porter stem, so "improved" and "improving" are one
 * entry); a phrase written with a leading "=" is compared on exact lower-case words instead
 * ("=improves with" is a relieving factor, "improved with therapy" is the course).
 */
export class PhraseMatcher<C extends string> {
  /** Entries by the key of their first word, longest first: one map per key so a lookup builds no string. */
  readonly byNorm: Buckets<C> = new Map();
  readonly byLower: Buckets<C> = new Map();
  /** The keys of `byNorm` and `byLower`. */
  private readonly firstWords = new WordFilter();

  constructor(
    lists: Partial<Record<C, readonly string[]>>,
    readonly key: MatchKey,
  ) {
    for (const [cls, phrases] of Object.entries(lists) as [C, readonly string[]][]) {
      for (const written of phrases) {
        const exact = written.startsWith('=');
        const phrase = exact ? written.slice(1) : written;
        const key: MatchKey = exact ? 'lower' : this.key;
        const keys = tokenize(phrase).map((t) => t[key]);
        const first = keys[0];
        if (first === undefined) continue;
        const buckets = key === 'norm' ? this.byNorm : this.byLower;
        const bucket = buckets.get(first) ?? [];
        bucket.push({ keys, key, cls, phrase });
        buckets.set(first, bucket);
        this.firstWords.add(first);
      }
    }
    for (const buckets of [this.byNorm, this.byLower])
      for (const bucket of buckets.values()) bucket.sort((a, b) => b.keys.length - a.keys.length);
  }

  private longestAt(tokens: readonly Token[], i: number, to: number): Entry<C> | undefined {
    const t = tokens[i]!;
    const byStem =
      this.key === 'norm' && this.firstWords.mayHave(t.norm)
        ? firstMatch(this.byNorm.get(t.norm), tokens, i, to)
        : undefined;
    const exact = this.firstWords.mayHave(t.lower)
      ? firstMatch(this.byLower.get(t.lower), tokens, i, to)
      : undefined;
    return longer(byStem, exact);
  }

  /** Longest-match hits in tokens [from, to), left to right, never overlapping; indices are into `tokens`. */
  scan(tokens: readonly Token[], from = 0, to = tokens.length): PhraseHit<C>[] {
    const hits: PhraseHit<C>[] = [];
    for (let i = from; i < to; i++) {
      const entry = this.longestAt(tokens, i, to);
      if (!entry) continue;
      hits.push({ cls: entry.cls, phrase: entry.phrase, first: i, last: i + entry.keys.length - 1 });
      i += entry.keys.length - 1;
    }
    return hits;
  }

  /** Whether any phrase occurs in tokens [from, to) (the first hit of `scan`, without the list). */
  any(tokens: readonly Token[], from = 0, to = tokens.length): boolean {
    for (let i = from; i < to; i++) if (this.longestAt(tokens, i, to)) return true;
    return false;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: matchers of different classes side by side
type AnyMatcher = PhraseMatcher<any>;
type HitsOf<M extends readonly AnyMatcher[]> = {
  [K in keyof M]: M[K] extends PhraseMatcher<infer C> ? PhraseHit<C>[] : never;
};

/**
 * Several matchers scanned in one pass: each token's words are looked up once for all of them (most
 * tokens start no phrase of any list), and each matcher's hits are what its own `scan` would give.
 */
export class PhraseScanner<M extends readonly AnyMatcher[]> {
  /** Per word: the buckets of each matcher for a first word compared by stem, and by exact word. */
  private readonly byWord = new Map<string, { norm: Slots; lower: Slots }>();
  /** The keys of `byWord`. */
  private readonly words = new WordFilter();
  private readonly stems: boolean;
  /** Per matcher, the first token a next hit may start at (scratch of `scanInto`). */
  private readonly next: Int32Array;

  constructor(private readonly matchers: M) {
    this.next = new Int32Array(matchers.length);
    const add = (from: Buckets<string>, k: number, as: 'norm' | 'lower') => {
      for (const [word, bucket] of from) {
        let slots = this.byWord.get(word);
        if (!slots) {
          slots = { norm: new Array(matchers.length), lower: new Array(matchers.length) };
          this.byWord.set(word, slots);
          this.words.add(word);
        }
        slots[as][k] = bucket;
      }
    };
    matchers.forEach((m, k) => {
      if (m.key === 'norm') add(m.byNorm, k, 'norm');
      add(m.byLower, k, 'lower');
    });
    this.stems = matchers.some((m) => m.key === 'norm' && m.byNorm.size > 0);
  }

  scan(tokens: readonly Token[], from = 0, to = tokens.length): HitsOf<M> {
    const hits = this.matchers.map(() => []) as HitsOf<M>;
    this.scanInto(tokens, from, to, hits);
    return hits;
  }

  /**
   * `scan` into the caller's lists, emptied first: a caller that reads the hits of one sentence and lets
   * them go reuses its lists for the next sentence instead of making new ones for each.
   */
  scanInto(tokens: readonly Token[], from: number, to: number, into: HitsOf<M>): void {
    const n = this.matchers.length;
    const hits = into as PhraseHit<string>[][];
    for (const h of hits) h.length = 0;
    const next = this.next.fill(from);
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      const { lower, norm } = t;
      const byLower = this.words.mayHave(lower) ? this.byWord.get(lower) : undefined;
      // a short word, a number or a sign is its own stem: one lookup serves both
      const byNorm = !this.stems
        ? undefined
        : norm === lower
          ? byLower
          : this.words.mayHave(norm)
            ? this.byWord.get(norm)
            : undefined;
      if (byNorm === undefined && byLower === undefined) continue;
      for (let k = 0; k < n; k++) {
        if (i < next[k]!) continue;
        const entry = longer(
          firstMatch(byNorm?.norm[k], tokens, i, to),
          firstMatch(byLower?.lower[k], tokens, i, to),
        );
        if (!entry) continue;
        hits[k]!.push({ cls: entry.cls, phrase: entry.phrase, first: i, last: i + entry.keys.length - 1 });
        next[k] = i + entry.keys.length;
      }
    }
  }
}

/** Clause boundaries for cue scoping: a cue does not reach across these. */
export function isClauseBreak(t: Token): boolean {
  return t.kind === 'punct' && (t.text === ';' || t.text === ',' || t.text === '.' || t.text === ':');
}
