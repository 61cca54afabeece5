/** Number words read without compromise must read exactly as compromise reads them. */
import { describe, expect, it } from 'vitest';
import { compromiseNumber, SIMPLE_NUMBERS, wordsToNumber } from '../../src/measure/numbers.js';

describe('number words', () => {
  it('every phrase of the built-in table has the value compromise gives it', () => {
    const differ: string[] = [];
    for (const [phrase, value] of SIMPLE_NUMBERS) {
      const theirs = compromiseNumber(phrase);
      if (theirs !== value) differ.push(`${phrase}: ${value} vs ${theirs}`);
    }
    expect(SIMPLE_NUMBERS.size).toBeGreaterThan(300);
    expect(differ).toEqual([]);
  }, 60_000);

  it('reads the usual forms from the table and anything else through compromise', () => {
    expect(wordsToNumber('twenty-five')).toBe(25);
    expect(wordsToNumber('two and a half')).toBe(2.5);
    expect(wordsToNumber('one hundred')).toBe(100);
    expect(wordsToNumber('four and one half')).toBe(compromiseNumber('four and one half'));
  });
});
