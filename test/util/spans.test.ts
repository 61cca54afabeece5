import { describe, expect, it } from 'vitest';
import { firstStartingAtOrAfter, lastStartingAtOrBefore } from '../../src/util/spans.js';
import { rng } from '../helpers/random.js';

/** The answers by a plain walk, which the searches must agree with. */
const firstByWalk = (items: { start: number }[], offset: number) => {
  const i = items.findIndex((x) => x.start >= offset);
  return i === -1 ? items.length : i;
};
const lastByWalk = (items: { start: number }[], offset: number) => {
  let best = 0;
  items.forEach((x, i) => {
    if (x.start <= offset) best = i;
  });
  return best;
};

describe('searches over start-sorted spans', () => {
  it('agree with a walk, with any hint or none, on lists with repeated starts', () => {
    const next = rng(7);
    for (let round = 0; round < 300; round++) {
      let at = 0;
      const items = Array.from({ length: Math.floor(next() * 40) }, () => {
        at += Math.floor(next() * 3);
        return { start: at };
      });
      for (let offset = -1; offset <= at + 2; offset++) {
        const want = firstByWalk(items, offset);
        expect(firstStartingAtOrAfter(items, offset)).toBe(want);
        for (let hint = -1; hint <= items.length; hint++)
          expect(firstStartingAtOrAfter(items, offset, hint), `hint ${hint}`).toBe(want);
        expect(lastStartingAtOrBefore(items, offset)).toBe(lastByWalk(items, offset));
      }
    }
  });
});
