import { readFileSync } from 'node:fs';
import type { z } from 'zod';

const JITLESS = { jitless: true } as const;

/** Read a JSON data file and validate it, naming the file in any error so a site editing a lexicon sees where. */
export function loadJson<T extends z.ZodType>(path: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read lexicon ${path}: ${(err as Error).message}`);
  }
  // A lexicon is parsed once per process: compiling zod's per-shape fast path (its JIT) costs more than it
  // saves on one parse.
  const parsed = schema.safeParse(raw, JITLESS);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid lexicon ${path}: ${issues}`);
  }
  return parsed.data;
}
