/**
 * The read-and-scan floor: what Node alone needs to read the same documents and run one regular expression
 * over them. The expression finds every word or number, the minimum any tokenising pipeline must do, so the
 * ratio pipeline / floor says how many "passes over the text" the pipeline costs. Reading is done the same
 * way as the pipeline's read stage (JSONL: read, split, JSON.parse; files: one read per file), so the ratio
 * compares the work after reading.
 */
import { readFileSync } from 'node:fs';

const WORD = /[A-Za-z0-9]+/g;

/** Number of words and numbers in a text: one regular expression, one linear pass. */
export function scan(text: string): number {
  WORD.lastIndex = 0;
  let n = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

/** Floor over a JSONL corpus: read the file, parse each line, scan the note field. */
export function floorJsonl(file: string, field: string): number {
  let n = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    n += scan(String((JSON.parse(line) as Record<string, unknown>)[field] ?? ''));
  }
  return n;
}

/** Floor over one-document-per-file: read each file as UTF-8 and scan it. */
export function floorFiles(files: readonly string[]): number {
  let n = 0;
  for (const f of files) n += scan(readFileSync(f, 'utf8'));
  return n;
}

/** Floor over strings already in memory. */
export function floorStrings(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += scan(t);
  return n;
}
