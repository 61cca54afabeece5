import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentTokens, stem, type Token, tokenize, tokenSpan, tokensIn } from '../../src/text/tokenize.js';
import { packageRoot } from '../../src/util/package-root.js';
import { rng } from '../helpers/random.js';

/** The tokeniser as first written, one regex: the hand-written scan must cut every text as it does. */
function referenceTokenize(text: string, offset = 0): Token[] {
  const re = /(\p{L}[\p{L}\p{M}']*)|(\d+(?:[.,]\d+)?)|([^\s\p{L}\d])/gu;
  const word = (w: string, start: number, end: number): Token => {
    const lower = w.toLowerCase();
    return { text: w, lower, norm: stem(lower), start, end, kind: 'word' };
  };
  const tokens: Token[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + offset;
    const end = start + m[0].length;
    if (m[1] !== undefined) tokens.push(word(m[1], start, end));
    else if (m[2] !== undefined)
      tokens.push({ text: m[2], lower: m[2], norm: m[2].replace(',', '.'), start, end, kind: 'number' });
    else tokens.push({ text: m[0], lower: m[0], norm: m[0], start, end, kind: 'punct' });
  }
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const hy = tokens[i + 1];
    const next = tokens[i + 2];
    if (
      t.kind === 'word' &&
      hy?.text === '-' &&
      hy.start === t.end &&
      next?.kind === 'word' &&
      /^[ \t]*\n[ \t]*$/.test(text.slice(hy.end - offset, next.start - offset)) &&
      next.text[0] === next.lower[0]
    ) {
      out.push(word(t.text + next.text, t.start, next.end));
      i += 2;
    } else out.push(t);
  }
  return out;
}

// ASCII, Latin with accents, a combining acute, Greek, CJK, Arabic-Indic digits, no-break and other
// spaces, a line separator, a BOM, an astral letter (𝐀), an emoji, lone surrogates, apostrophes, dashes.
const PIECES = [
  'a',
  'Z',
  'q',
  'é',
  'ß',
  'İ',
  '\u0301',
  'μ',
  'Ω',
  '中',
  '٣',
  '0',
  '7',
  '.',
  ',',
  "'",
  '’',
  '-',
  '–',
  '/',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\u2009',
  '\u2028',
  '\ufeff',
  '\u{1d400}',
  '\u{1f600}',
  '\ud800',
  '\udc00',
  '(',
  ')',
  '%',
  'x',
  'mm',
  'L4-5',
  '3.5',
  '2,5',
  'degen-\nerative',
];

describe('tokeniser', () => {
  it('cuts words, numbers and single other characters, with offsets', () => {
    const t = tokenize("Pt's L4-5 disc, 3.5 mm; naïve", 10);
    expect(t.map((x) => [x.text, x.kind])).toEqual([
      ["Pt's", 'word'],
      ['L', 'word'],
      ['4', 'number'],
      ['-', 'punct'],
      ['5', 'number'],
      ['disc', 'word'],
      [',', 'punct'],
      ['3.5', 'number'],
      ['mm', 'word'],
      [';', 'punct'],
      ['naïve', 'word'],
    ]);
    expect(t[0]!.start).toBe(10);
    expect(t[10]!.end).toBe(10 + 29);
  });

  it('joins a word broken by a hyphen at a line end, and only there', () => {
    expect(tokenize('degen-\nerative changes').map((t) => t.text)).toEqual(['degenerative', 'changes']);
    expect(tokenize('broad-based').map((t) => t.text)).toEqual(['broad', '-', 'based']);
  });

  it('stems words longer than three letters and keeps shorter ones as written in lower case', () => {
    expect(tokenize('Bulging discs at the L4').map((t) => t.norm)).toEqual([
      'bulg',
      'disc',
      'at',
      'the',
      'l',
      '4',
    ]);
  });

  it('cuts every text exactly as the one-regex tokeniser did', () => {
    const next = rng(42);
    for (let n = 0; n < 5000; n++) {
      let s = '';
      const len = Math.floor(next() * 40);
      for (let k = 0; k < len; k++) s += PIECES[Math.floor(next() * PIECES.length)];
      const offset = Math.floor(next() * 100);
      expect(tokenize(s, offset), JSON.stringify(s)).toEqual(referenceTokenize(s, offset));
    }
    const samples = join(packageRoot(), 'samples', 'reports');
    for (const f of readdirSync(samples).filter((x) => x.endsWith('.txt'))) {
      const text = readFileSync(join(samples, f), 'utf8');
      expect(tokenize(text)).toEqual(referenceTokenize(text));
    }
  });

  it('gives any range of a document the tokens of that range read alone', () => {
    const next = rng(7);
    const pick = (n: number) => Math.floor(next() * n);
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = pick(60);
      for (let k = 0; k < len; k++) s += PIECES[pick(PIECES.length)];
      // Sometimes only a head of the text is tokenised, as for a very long document.
      const doc = documentTokens(s, next() < 0.3 ? pick(s.length + 1) : s.length);
      for (let r = 0; r < 4; r++) {
        const from = pick(s.length + 1);
        const to = from + pick(s.length - from + 1);
        const label = JSON.stringify([s, from, to, doc.end]);
        const ids: number[] = [];
        const want: number[] = [];
        const expected = tokenize(s.slice(from, to), from, want);
        expect(tokensIn(doc, from, to, ids), label).toEqual(expected);
        expect(ids, label).toEqual(want);
        const span = tokenSpan(doc, from, to);
        expect(span.tokens.slice(span.start, span.end), label).toEqual(expected);
        expect(span.ids.slice(span.start, span.end), label).toEqual(want);
      }
    }
  });

  it('reuses the document tokens inside a range and re-reads only a token cut at its end', () => {
    const text = 'Disc bulge at L4-5. Degen-\nerative changes.';
    const doc = documentTokens(text);
    const inside = tokensIn(doc, 0, 18);
    expect(inside.map((t) => t.text)).toEqual(['Disc', 'bulge', 'at', 'L', '4', '-', '5']);
    expect(inside[0]).toBe(doc.tokens[0]);
    // The range ends inside the joined word: it is read as the range alone reads it.
    expect(tokensIn(doc, 20, 30).map((t) => t.text)).toEqual(['Degenera']);
    expect(tokensIn(doc, 20, 26).map((t) => t.text)).toEqual(['Degen', '-']);
  });
  it('reports a word id per token: one per spelling, -1 for numbers and punctuation', () => {
    const ids: number[] = [];
    const tokens = tokenize('Disc disc DISC, degen-\nerative disc 4.5', 0, ids);
    expect(tokens.map((t) => t.text)).toEqual(['Disc', 'disc', 'DISC', ',', 'degenerative', 'disc', '4.5']);
    expect(ids).toHaveLength(tokens.length);
    const [upper, lower, caps, comma, joined, again, num] = ids as [number, ...number[]];
    expect(new Set([upper, lower, caps, joined]).size).toBe(4);
    expect(again).toBe(lower);
    expect([comma, num]).toEqual([-1, -1]);
    const plain: number[] = [];
    tokenize('degenerative', 0, plain);
    expect(plain).toEqual([joined]);
    // Ids of a document's tokens come with any range of it.
    const doc = documentTokens('Mild disc bulge. Disc height is preserved.');
    const rangeIds: number[] = [];
    const range = tokensIn(doc, 17, 42, rangeIds);
    const fresh: number[] = [];
    expect(range).toEqual(tokenize('Disc height is preserved.', 17, fresh));
    expect(rangeIds).toEqual(fresh);
    const span = tokenSpan(doc, 17, 42);
    expect(span.tokens.slice(span.start, span.end)).toEqual(range);
    expect(span.ids.slice(span.start, span.end)).toEqual(fresh);
  });
});
