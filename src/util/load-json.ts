import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { parseLexiconFile } from './lexicon-memo.js';

/** Read a JSON data file and validate it, naming the file in any error so a site editing a lexicon sees where. */
export function loadJson<T extends z.ZodType>(path: string, schema: T): z.infer<T> {
  let parsed: z.ZodSafeParseResult<z.infer<T>>;
  try {
    parsed = parseLexiconFile(basename(path), readFileSync(path, 'utf8'), schema);
  } catch (err) {
    throw new Error(`cannot read lexicon ${path}: ${(err as Error).message}`);
  }
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`invalid lexicon ${path}: ${issues}`);
  }
  return parsed.data;
}
