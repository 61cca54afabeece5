/**
 * Porter stems, cached. Building the lexicons stems some 1,500 words, about 25 ms of a one-report run: the
 * build writes those stems beside this module (`stem-memo.json`, by scripts/stem-memo.mjs), and the cache
 * starts from them. The memo is only ever porter's own output, so a missing or older one costs time, never a
 * different stem; a lexicon of your own is stemmed as it is met.
 */
import { readFileSync } from 'node:fs';
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { z } from 'zod';

const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;
/** Longer than any English or clinical word ("pneumonoultramicroscopicsilicovolcanoconiosis" is 45). */
const MAX_STEMMED = 64;

/** The build's stems: [word, stem] pairs. */
const StemMemo = z.array(z.tuple([z.string(), z.string()]));
export const STEM_MEMO_FILE = 'stem-memo.json';
let memoRead = false;

/** Words and their stems from the build's memo, or none when it is missing or unreadable (run from source). */
export function readStemMemo(
  file: URL | string = new URL(`./${STEM_MEMO_FILE}`, import.meta.url),
): [string, string][] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  // Read once per process: zod's JIT would cost more than the parse.
  const parsed = StemMemo.safeParse(raw, { jitless: true });
  return parsed.success ? parsed.data : [];
}

function porterStem(lower: string): string {
  return (porter as { stem(w: string): string }).stem(lower);
}

/** Porter stem of a lower-case word, cached (clinical vocabulary is small; hostile input is bounded). */
export function stem(lower: string): string {
  // Short words are their own stem: no cache lookup for the many "of", "at", "the".
  // Nor are words longer than any term: the Porter stemmer's regexes backtrack quadratically on a
  // 100,000-letter "word", which a sentence no longer cuts once a document is tokenised whole.
  if (lower.length <= 3 || lower.length > MAX_STEMMED) return lower;
  if (!memoRead) {
    memoRead = true;
    for (const [word, s] of readStemMemo()) STEM_CACHE.set(word, s);
  }
  let s = STEM_CACHE.get(lower);
  if (s === undefined) {
    s = porterStem(lower);
    if (STEM_CACHE.size >= STEM_CACHE_LIMIT) STEM_CACHE.clear();
    STEM_CACHE.set(lower, s);
  }
  return s;
}
