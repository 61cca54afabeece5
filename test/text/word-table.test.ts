import { describe, expect, it } from 'vitest';
import { firstWordId, stem, tokenize, wordHash } from '../../src/text/tokenize.js';

// The word table is per process: this file has a module instance of its own (vitest isolates files), so
// filling and clearing the table here cannot disturb other tests.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The `n`th word over `alphabet`, `len` letters long. */
function nthWord(n: number, alphabet: string, len: number): string {
  let w = '';
  for (let k = 0; k < len; k++) {
    w += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length);
  }
  return w;
}

/** Two different words the table hashes alike (its hash is polynomial, so short ones are found quickly). */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let n = 0; ; n++) {
    const w = nthWord(n, LETTERS, 5);
    const other = seen.get(wordHash(w));
    if (other !== undefined) return [other, w];
    seen.set(wordHash(w), w);
  }
}

describe('word table', () => {
  it('hashes a word read in the text as it hashes the word alone, for any script', () => {
    const text = 'x Ωmega naïve 𝐀bc İstanbul x';
    const words = tokenize(text).filter((t) => t.kind === 'word');
    for (const t of words) {
      const ids: number[] = [];
      tokenize(t.text, 0, ids);
      const again: number[] = [];
      tokenize(`(${t.text})`, 0, again);
      expect(again[1], t.text).toBe(ids[0]);
    }
    // A word joined across a line-end hyphen is looked up from its whole spelling.
    const joined: number[] = [];
    tokenize('caf-\né𝐀x', 0, joined);
    const plain: number[] = [];
    tokenize('café𝐀x', 0, plain);
    expect(joined).toEqual(plain);
  });

  it('keeps apart two spellings with the same hash', () => {
    const [a, b] = collidingPair();
    expect(a).not.toBe(b);
    expect(wordHash(a)).toBe(wordHash(b));
    const ids: number[] = [];
    const tokens = tokenize(`${a} ${b} ${a}, ${b}`, 0, ids);
    expect(tokens.filter((t) => t.kind === 'word').map((t) => t.text)).toEqual([a, b, a, b]);
    expect(tokens[1]!.lower).toBe(b.toLowerCase());
    expect(tokens[1]!.norm).toBe(stem(b.toLowerCase()));
    expect(ids[0]).not.toBe(ids[1]);
    expect([ids[2], ids[4]]).toEqual([ids[0], ids[1]]);
    // A shared prefix or suffix keeps a polynomial hash equal: long spellings that collide, differing near
    // their start or near their end.
    for (const [before, after] of [
      ['', 'q'.repeat(80)],
      ['p'.repeat(80), ''],
      ['p'.repeat(59), ''],
      ['p'.repeat(60), ''],
      ['p'.repeat(62), 'qqq'],
    ]) {
      const x = before + a + after;
      const y = before + b + after;
      expect(wordHash(x)).toBe(wordHash(y));
      const longIds: number[] = [];
      const long = tokenize(`${x} ${y} ${x} ${y}`, 0, longIds);
      expect(long.map((t) => t.text)).toEqual([x, y, x, y]);
      expect(longIds[0]).not.toBe(longIds[1]);
      expect(longIds.slice(2)).toEqual(longIds.slice(0, 2));
    }
  });

  it('starts afresh when the table is full, even in the middle of a document, with dense ids', () => {
    // Words of three letters or fewer are not stemmed, so filling the table stays quick; Greek letters
    // give enough spellings of that length.
    const alphabet = `${LETTERS}αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ`;
    const before = firstWordId();
    const many = Array.from({ length: 210_000 }, (_, n) => nthWord(n, alphabet, 3));
    const text = `Disc ${many.join(' ')} disc Disc`;
    const ids: number[] = [];
    const tokens = tokenize(text, 0, ids);
    const first = firstWordId();
    expect(first).toBeGreaterThan(before);
    expect(tokens.map((t) => t.text)).toEqual(['Disc', ...many, 'disc', 'Disc']);
    expect(tokens.at(-1)!.norm).toBe('disc');
    // The first "Disc" was named before the table was cleared; the last one is named again after it.
    expect(ids[0]).toBeLessThan(first);
    expect(ids.at(-1)).toBeGreaterThanOrEqual(first);
    expect(ids.at(-1)).not.toBe(ids.at(-2));
    const current = [...new Set(ids.filter((id) => id >= first))].sort((x, y) => x - y);
    expect(current).toEqual(current.map((_, k) => first + k));
    // Words first seen since the clear are found again under the same ids.
    const tail = many.slice(-1000);
    const again: number[] = [];
    tokenize(tail.join(' '), 0, again);
    expect(again).toEqual(ids.slice(-1002, -2));
  });

  it('starts afresh before its copies of long spellings pass their budget, and still reads every word', () => {
    // 1,200 distinct 8,000-letter "words" (hostile input) hold more code units than the table keeps.
    const long = Array.from({ length: 1200 }, (_, n) => nthWord(n, LETTERS, 2).repeat(4000));
    const before = firstWordId();
    const ids: number[] = [];
    const tokens = tokenize(long.join(' '), 0, ids);
    expect(firstWordId()).toBeGreaterThan(before);
    expect(tokens.length).toBe(long.length);
    expect(tokens.every((t, k) => t.text === long[k] && t.lower === long[k]!.toLowerCase())).toBe(true);
    // The last word, read after the clear, is found again under its id.
    const again: number[] = [];
    tokenize(long.at(-1)!, 0, again);
    expect(again).toEqual([ids.at(-1)]);
  });

  it('keeps thousands of spellings that hash alike apart, and finds each again under its id', () => {
    // "Aa" and "BB" hash alike, so every word of twelve such pairs does: far more than one run of slots holds.
    const words = Array.from({ length: 3000 }, (_, k) => {
      let w = 'q';
      for (let b = 0; b < 12; b++) w += (k >> b) & 1 ? 'BB' : 'Aa';
      return w;
    });
    expect(new Set(words.map((w) => wordHash(w))).size).toBe(1);
    const ids: number[] = [];
    const tokens = tokenize(words.join(' '), 0, ids);
    expect(tokens.map((t) => t.text)).toEqual(words);
    expect(new Set(ids).size).toBe(words.length);
    const again: number[] = [];
    tokenize([...words].reverse().join(' '), 0, again);
    expect(again).toEqual([...ids].reverse());
  });
});
