import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWarm, WARM_AFTER } from '../../src/util/warm-parse.js';

const Inner = z.object({ a: z.number().int(), b: z.string().optional(), tags: z.array(z.string()) });
const Outer = z.object({ id: z.string(), inner: Inner, list: z.array(Inner), kind: z.enum(['x', 'y']) });

describe('parseWarm', () => {
  it('gives what parse gives, before and after the fast path is compiled', () => {
    const schema = Outer.extend({});
    const data = {
      id: 'd1',
      extra: 'dropped',
      inner: { a: 1, tags: ['t'], more: true },
      list: [{ a: 2, b: 'x', tags: [] }],
      kind: 'y',
    };
    const want = Outer.parse(data);
    expect(want).not.toHaveProperty('extra');
    for (let i = 0; i < WARM_AFTER + 3; i++) expect(parseWarm(schema, data)).toEqual(want);
  });

  it('rejects what parse rejects, with the same issues', () => {
    const schema = Outer.extend({});
    const bad = { id: 'd1', inner: { a: 1.5, tags: [] }, list: [], kind: 'z' };
    const issues = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as z.ZodError).issues.map((i) => [i.path.join('.'), i.code]);
      }
      return null;
    };
    const want = issues(() => Outer.parse(bad));
    expect(want).not.toBeNull();
    for (let i = 0; i < WARM_AFTER + 3; i++) expect(issues(() => parseWarm(schema, bad))).toEqual(want);
  });
});
