/**
 * Misspelling tolerance for lexicon words ("spondylosys", "stenossis"): an unknown word of at least
 * `minLength` letters maps to a lexicon word within Damerau-Levenshtein distance 1 (2 for long words whose
 * first four letters agree), using natural's distance. Real words that merely look alike
 * ("hypointense" / "hyperintense") are listed in lexicons/fuzzy.json and never corrected.
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

export class FuzzyCorrector {
  private readonly buckets = new Map<string, { lower: string; norm: string }[]>();
  private readonly cache = new Map<string, string | null>();
  private readonly never: Set<string>;

  constructor(
    vocabulary: Iterable<string>,
    private readonly config: FuzzyLexicon,
  ) {
    this.never = new Set(config.neverCorrect.map((w) => w.toLowerCase()));
    for (const lower of vocabulary) {
      if (lower.length < config.minLength - 1 || !/^\p{L}+$/u.test(lower)) continue;
      const key = lower[0]!;
      let b = this.buckets.get(key);
      if (!b) {
        b = [];
        this.buckets.set(key, b);
      }
      if (!b.some((e) => e.lower === lower)) b.push({ lower, norm: stem(lower) });
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
    for (const cand of this.buckets.get(lower[0]!) ?? []) {
      if (Math.abs(cand.lower.length - lower.length) > (long ? 2 : 1)) continue;
      const d = DamerauLevenshteinDistance(lower, cand.lower, { restricted: true });
      const allowed = d === 1 || (d === 2 && long && cand.lower.slice(0, 4) === lower.slice(0, 4));
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
