/**
 * A tiny compiled phrase matcher over the shared tokeniser, for the case stage's word lists (course
 * words, treatment cues). Phrases are tokenised once at load; matching is one left-to-right pass that
 * takes the longest phrase starting at each token, so "no improvement" wins over "improvement".
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

/**
 * Phrases are compared on `key` (by default the Porter stem, so "improved" and "improving" are one
 * entry); a phrase written with a leading "=" is compared on exact lower-case words instead
 * ("=improves with" is a relieving factor, "improved with therapy" is the course).
 */
export class PhraseMatcher<C extends string> {
  private readonly byFirst = new Map<string, Entry<C>[]>();

  constructor(
    lists: Partial<Record<C, readonly string[]>>,
    private readonly key: MatchKey,
  ) {
    for (const [cls, phrases] of Object.entries(lists) as [C, readonly string[]][]) {
      for (const written of phrases) {
        const exact = written.startsWith('=');
        const phrase = exact ? written.slice(1) : written;
        const key: MatchKey = exact ? 'lower' : this.key;
        const keys = tokenize(phrase).map((t) => t[key]);
        const first = keys[0];
        if (first === undefined) continue;
        const bucketKey = `${key}:${first}`;
        const bucket = this.byFirst.get(bucketKey) ?? [];
        bucket.push({ keys, key, cls, phrase });
        this.byFirst.set(bucketKey, bucket);
      }
    }
    for (const bucket of this.byFirst.values()) bucket.sort((a, b) => b.keys.length - a.keys.length);
  }

  private longestAt(tokens: readonly Token[], i: number): Entry<C> | undefined {
    let best: Entry<C> | undefined;
    for (const key of this.key === 'lower' ? (['lower'] as const) : (['norm', 'lower'] as const)) {
      const bucket = this.byFirst.get(`${key}:${tokens[i]![key]}`);
      const e = bucket?.find((x) => x.keys.every((k, j) => tokens[i + j]?.[x.key] === k));
      if (e && (!best || e.keys.length > best.keys.length)) best = e;
    }
    return best;
  }

  /** Longest-match hits, left to right, never overlapping. */
  scan(tokens: readonly Token[]): PhraseHit<C>[] {
    const hits: PhraseHit<C>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const entry = this.longestAt(tokens, i);
      if (!entry) continue;
      hits.push({ cls: entry.cls, phrase: entry.phrase, first: i, last: i + entry.keys.length - 1 });
      i += entry.keys.length - 1;
    }
    return hits;
  }
}

/** Clause boundaries for cue scoping: a cue does not reach across these. */
export function isClauseBreak(t: Token): boolean {
  return t.kind === 'punct' && (t.text === ';' || t.text === ',' || t.text === '.' || t.text === ':');
}
