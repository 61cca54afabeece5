import type { z } from 'zod';

/**
 * `schema.parse(data)`, without zod's JIT for the first few parses of each schema. zod compiles a fast path per
 * object shape on its first parse (~10 ms for the document result); that pays off over a batch (it parses
 * about 1.7x faster) but not for the one document of a short CLI run. After `WARM_AFTER` parses of a schema
 * the fast path is compiled and used.
 */
export function parseWarm<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const n = parses.get(schema) ?? 0;
  if (n >= WARM_AFTER) return schema.parse(data);
  parses.set(schema, n + 1);
  return schema.parse(data, JITLESS);
}

export const WARM_AFTER = 32;
const JITLESS = { jitless: true } as const;
const parses = new WeakMap<z.ZodType, number>();
