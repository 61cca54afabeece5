/**
 * Misspelling tolerance for lexicon words ("spondylosys", "stenossis"): an unknown word of at least
 * `minLength` letters maps to a lexicon word within Damerau-Levenshtein distance 1 (2 for long words whose
 * first four letters agree), using natural's distance. Real words that merely look alike
 * ("hypointense" / "hyperintense") are listed in lexicons/fuzzy.json and never corrected.
 *
 * natural's distance builds a matrix of objects per call, and every unknown word of a corpus is compared with
 * the lexicon words of its first letter: cheap lower bounds on the distance (letters present, letter counts)
 * discard nearly all candidates first, so natural only confirms the few that can be within reach.
 */
import { join } from 'node:path';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { z } from 'zod';
import { stem } from '../text/tokenize.js';
import { loadJson } from '../util/load-json.js';

export const FuzzyLexicon = z.object({
  version: z.string(),
  minLength: z.number().int().min(4),
  longWordLength: z.number().int().min(5),
  neverCorrect: z.array(z.string()),
});
export type FuzzyLexicon = z.infer<typeof FuzzyLexicon>;

export function loadFuzzyLexicon(dir: string): FuzzyLexicon {
  return loadJson(join(dir, 'fuzzy.json'), FuzzyLexicon);
}

const CACHE_LIMIT = 100_000;

interface Candidate {
  lower: string;
  norm: string;
  mask: number;
}

/** The letters a word has, one bit each (a-z; any other UTF-16 unit shares bits 26-31). */
function letterMask(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return m;
}

function popcount(x: number): number {
  let v = (x - ((x >>> 1) & 0x55555555)) | 0;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Per-unit counts while comparing two words; every entry is back to 0 between calls. */
const COUNTS = new Int32Array(65536);

/** Σ |count in a − count in b| over UTF-16 units. */
function countDifference(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) COUNTS[a.charCodeAt(i)]!++;
  for (let i = 0; i < b.length; i++) COUNTS[b.charCodeAt(i)]!--;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    diff += Math.abs(COUNTS[c]!);
    COUNTS[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    diff += Math.abs(COUNTS[c]!);
    COUNTS[c] = 0;
  }
  return diff;
}

/**
 * False only when the restricted Damerau-Levenshtein distance of `a` and `b` is certainly above `reach`.
 * An insertion or deletion changes the length by one and the letter counts by one; a substitution changes
 * the counts by two and the set of letters by two bits at most; a transposition changes neither. So the
 * distance is at least |Δlength|, ⌈differing letter bits / 2⌉ and ⌈Σ|Δcount| / 2⌉, cheapest first.
 */
export function mayBeWithin(
  a: string,
  b: string,
  reach: number,
  maskA = letterMask(a),
  maskB = letterMask(b),
): boolean {
  if (Math.abs(a.length - b.length) > reach) return false;
  if ((popcount(maskA ^ maskB) + 1) >> 1 > reach) return false;
  return (countDifference(a, b) + 1) >> 1 <= reach;
}

export class FuzzyCorrector {
  private readonly buckets = new Map<string, Candidate[]>();
  private readonly cache = new Map<string, string | null>();
  private readonly never: Set<string>;

  constructor(
    vocabulary: Iterable<string>,
    private readonly config: FuzzyLexicon,
  ) {
    this.never = new Set(config.neverCorrect.map((w) => w.toLowerCase()));
    const seen = new Set<string>();
    for (const lower of vocabulary) {
      if (lower.length < config.minLength - 1 || seen.has(lower) || !/^\p{L}+$/u.test(lower)) continue;
      seen.add(lower);
      const key = lower[0]!;
      let b = this.buckets.get(key);
      if (!b) {
        b = [];
        this.buckets.set(key, b);
      }
      b.push({ lower, norm: stem(lower), mask: letterMask(lower) });
    }
  }

  /** The stem of the lexicon word `lower` is a misspelling of, or null. */
  correct(lower: string): string | null {
    if (lower.length < this.config.minLength || this.never.has(lower)) return null;
    const hit = this.cache.get(lower);
    if (hit !== undefined) return hit;
    let best: string | null = null;
    let bestDist = Number.POSITIVE_INFINITY;
    const long = lower.length >= this.config.longWordLength;
    const mask = letterMask(lower);
    const prefix = lower.slice(0, 4);
    for (const cand of this.buckets.get(lower[0]!) ?? []) {
      if (Math.abs(cand.lower.length - lower.length) > (long ? 2 : 1)) continue;
      // Only distance 1, or 2 for a long word with the same first four letters, can be accepted below.
      const reach = long && cand.lower.startsWith(prefix) ? 2 : 1;
      if (!mayBeWithin(lower, cand.lower, reach, mask, cand.mask)) continue;
      const d = DamerauLevenshteinDistance(lower, cand.lower, { restricted: true });
      const allowed = d === 1 || (d === 2 && reach === 2);
      if (allowed && d < bestDist) {
        best = cand.norm;
        bestDist = d;
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(lower, best);
    return best;
  }
}
