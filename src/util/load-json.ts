import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Read a JSON data file and validate it, naming the file in any error so a site editing a lexicon sees where. */
export function loadJson<T extends z.ZodType>(path: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read lexicon ${path}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid lexicon ${path}: ${issues}`);
  }
  return parsed.data;
}
