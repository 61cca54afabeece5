/**
 * Patterns without `i` on lower-cased text (src/measure/fold.ts) must find what the case-insensitive patterns
 * find on the text itself: the character facts that make it so, checked on every code point, and the
 * patterns of the lexicon, checked on random strings of letters of every case and the characters that
 * lower-casing treats specially.
 */
import { describe, expect, it } from 'vitest';
import { matchesIn, matchesInView, type SentenceView } from '../../src/measure/context.js';
import { compileDurationPatterns } from '../../src/measure/durations.js';
import { Caseless, foldable, foldSource, foldString, SIGNS, UNFOLDABLE_RE } from '../../src/measure/fold.js';
import { mayHoldNumberWord, onView, type Worded, worded } from '../../src/measure/gates.js';
import { compileHeightPatterns } from '../../src/measure/height.js';
import { type Cue, caseOk, compileLexicon, loadMeasurementLexicon } from '../../src/measure/lexicon.js';
import { defaultLexiconDir } from '../../src/util/package-root.js';
import { rng } from '../helpers/random.js';
import { randomStrings as randomStringsOf, sampleLines } from '../helpers/samples.js';
import { kv, measure } from './helpers.js';

const lex = compileLexicon(loadMeasurementLexicon(defaultLexiconDir()));
const durations = compileDurationPatterns(lex);
const height = compileHeightPatterns(lex);

const view = (text: string): SentenceView => ({
  text,
  sectionKind: 'hpi',
  headerTitle: null,
  levelLabel: null,
});

describe('lower-casing, character by character', () => {
  it('keeps every character a pattern without i reads as the case-insensitive pattern reads it, save UNFOLDABLE_RE', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyz'].map((a) => [a, new RegExp(`^${a}$`, 'iu')] as const);
    // The characters besides ASCII that the folded patterns hold (signs without case).
    const held = new Set<string>();
    const caseless = [
      ...cuesOf().map(([, c]) => c),
      ...Object.values(lex).filter((v) => v instanceof Caseless),
    ];
    for (const c of caseless) for (const ch of c.lower?.source ?? '') if (ch > '\x7f') held.add(ch);
    for (const p of [durations.duration, durations.ageOld, height.percent])
      for (const ch of p.fullLower?.source ?? '') if (ch > '\x7f') held.add(ch);
    expect([...held].every((c) => SIGNS.includes(c))).toBe(true);
    const signs = [...SIGNS].map((a) => [a, new RegExp(`^${a}$`, 'iu')] as const);
    const anyAscii = /^[a-z]$/iu;
    const unfoldable: string[] = [];
    let grows = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      const lower = c.toLowerCase();
      expect(lower.length, c).toBeGreaterThanOrEqual(c.length);
      if (lower.length > c.length) {
        grows++;
        continue;
      }
      let same = /^\p{L}$/iu.test(c) === /^\p{L}$/u.test(lower) && /^\d$/iu.test(c) === /^\d$/u.test(lower);
      same &&= /^\s$/iu.test(c) === /^\s$/u.test(lower);
      if (anyAscii.test(c) || anyAscii.test(lower))
        for (const [a, re] of letters) same &&= re.test(c) === (lower === a);
      for (const [a, re] of signs) same &&= re.test(c) === (lower === a);
      // Lower-casing keeps a character case-equivalent to itself.
      if (lower !== c)
        same &&= new RegExp(`^${lower.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}$`, 'iu').test(c);
      if (!same) unfoldable.push(c);
    }
    expect(unfoldable).toEqual(['\u017f', '\u0345']);
    expect(unfoldable.every((c) => UNFOLDABLE_RE.test(c) && !foldable(c.toLowerCase()))).toBe(true);
    expect(foldable('weeks × 2 – ſ'.slice(0, 11))).toBe(true);
    // A final sigma lower-cases by its context, to another letter of the same case class.
    expect('ΟΔΟΣ Σ'.toLowerCase()).toBe('οδος σ');
    expect(/^ς$/iu.test('Σ') && /^\p{L}$/u.test('ς')).toBe(true);
    // "İ" alone grows: such text is matched with the case-insensitive patterns.
    expect(grows).toBe(1);
    expect(foldString('İ')).toBeNull();
    expect(foldString('WEEKſ')).toBeNull();
    expect(foldString('3 WEE\u212aS')).toBe('3 weeks');
  }, 120_000);
});

describe('foldSource', () => {
  it('lower-cases letters, keeping escapes, property names and group names', () => {
    expect(foldSource('(?<![\\p{L}\\d])(?<Unit>PT|Week)\\S\\P{Lu}[A-Z×]')).toBe(
      '(?<![\\p{L}\\d])(?<Unit>pt|week)\\S\\P{Lu}[a-z×]',
    );
    expect(foldSource('(?<=X)(?<!Y)')).toBe('(?<=x)(?<!y)');
  });

  it('refuses what it cannot fold alike', () => {
    expect(foldSource('µg')).toBeNull();
    expect(foldSource('ſ')).toBeNull();
    expect(foldSource('\u0345')).toBeNull();
    expect(foldSource('fièvre')).toBeNull();
    expect(foldSource('[0-Z]')).toBeNull();
    expect(foldSource('(?<a>x)\\k<a>')).toBeNull();
    expect(foldSource('(x)\\1')).toBeNull();
    expect(foldSource('𝐀')).toBeNull();
    expect(foldSource('m-JOA')).toBe('m-joa');
  });
});

// Letters of both cases, the characters lower-casing treats specially ("ſ", the Kelvin sign, "İ", U+0345, a
// final sigma), other letters and marks, digits and signs, and words of the patterns in capitals.
const ALPHABET = [
  ...'a B z x X 1 9 , . - / % : ~ > × – é É ſ \u212a İ \u0345 Σ 𝐀 ( \u0301'.split(' '),
  ' ',
  ' ',
  '\n',
  'weeks',
  'WEEKS',
  'Years OLD',
  'for',
  'FOR THE PAST',
  'Two',
  'THREE',
  'and a HALF',
  'PERCENT',
  'one-Third',
  'PT',
  'pt',
  'Physical Therapy',
  'NSAIDs',
  'Relief',
  'Mother',
  'will',
  'AGO',
  'Age',
  'since',
  'mg',
  'MJOA',
  'Oswestry',
  'pain',
  'to',
  'OR',
  'bone',
  'often',
  'six',
];

const randomStrings = (seed: number, count: number, maxLen: number) =>
  randomStringsOf(ALPHABET, seed, count, maxLen);

// Sample lines with their case changed at random, and a letter swapped for one of the special ones.
function mangled(lines: string[], seed: number): string[] {
  const next = rng(seed);
  const special = ['ſ', '\u212a', 'İ', '\u0345', 'Σ'];
  return lines.map((line) => {
    let s = '';
    for (const c of line) s += next() < 0.3 ? c.toUpperCase() : c;
    if (next() < 0.3) {
      const at = Math.floor(next() * s.length);
      s = s.slice(0, at) + special[Math.floor(next() * special.length)]! + s.slice(at + 1);
    }
    return s;
  });
}

const texts = (() => {
  const lines = sampleLines().filter((l) => l.trim() !== '');
  return [...lines, ...mangled(lines, 11), ...randomStrings(12, 3000, 24)];
})();

function cuesOf(): [string, Cue][] {
  const out: [string, Cue][] = [];
  for (const [k, v] of Object.entries(lex)) {
    if (k === 'scales') for (const [s, c] of Object.entries(v as Record<string, Cue>)) out.push([s, c]);
    else if (v && typeof v === 'object' && 're' in v && 'exact' in v) out.push([k, v as Cue]);
  }
  return out;
}

/** `matchesIn` as it was: the case-insensitive pattern on the slice itself. */
function reference(cue: Cue, text: string, from: number, to: number) {
  const out: { start: number; end: number; text: string }[] = [];
  const slice = text.slice(from, to);
  cue.re.lastIndex = 0;
  for (let m = cue.re.exec(slice); m !== null; m = cue.re.exec(slice)) {
    if (m[0].length === 0) {
      cue.re.lastIndex++;
      continue;
    }
    if (caseOk(cue, m[0])) out.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0] });
  }
  return out;
}

describe('patterns on folded text', () => {
  it('most of the lexicon folds', () => {
    const cues = cuesOf();
    expect(cues.length).toBeGreaterThanOrEqual(30);
    expect(cues.filter(([, c]) => c.lower === null).map(([k]) => k)).toEqual([]);
    for (const p of [durations.duration, durations.ageOld, height.percent]) {
      expect(p.fullLower).not.toBeNull();
      expect(p.plainLower).not.toBeNull();
    }
  });

  it('cues find the same phrases, with the text as written', () => {
    const next = rng(5);
    const cues = cuesOf();
    for (const text of texts) {
      const from = Math.floor(next() * (text.length + 1));
      const to = from + Math.floor(next() * (text.length - from + 1));
      for (const [k, cue] of cues) {
        expect(matchesIn(cue, text, 0, text.length), `${k}: ${text}`).toEqual(
          reference(cue, text, 0, text.length),
        );
        expect(matchesInView(cue, view(text)), `${k}: ${text}`).toEqual(reference(cue, text, 0, text.length));
        expect(matchesIn(cue, text, from, to), `${k}: ${text} ${from}-${to}`).toEqual(
          reference(cue, text, from, to),
        );
      }
    }
  }, 120_000);

  it('single tests answer alike', () => {
    const tests = Object.entries(lex).filter(
      (e): e is [string, Caseless] => e[1] instanceof Caseless && !('exact' in e[1]),
    );
    expect(tests.length).toBeGreaterThan(15);
    for (const text of texts) {
      for (const [k, c] of tests) {
        expect(c.test(text), `${k}: ${text}`).toBe(c.re.test(text));
        expect(c.exec(text)?.[0].length, `${k}: ${text}`).toBe(c.re.exec(text)?.[0].length);
      }
    }
  }, 120_000);

  const all = (re: RegExp, s: string) =>
    [...s.matchAll(re)].map((m) => [
      m.index,
      m[0].length,
      JSON.stringify(m.groups, (_k, v) => (typeof v === 'string' ? v.toLowerCase() : v)),
    ]);

  it('the past-unit and age patterns match alike on a sentence', () => {
    const patterns: [string, Caseless][] = [
      ['pastUnit', durations.pastUnit],
      ['ageYo', durations.ageYo],
      ['ageLabel', durations.ageLabel],
    ];
    for (const [name, c] of patterns) expect(c.lower, name).not.toBeNull();
    for (const text of texts) {
      for (const [name, c] of patterns) {
        const { re, on } = onView(c, view(text));
        expect(all(re, on), `${name}: ${text}`).toEqual(all(c.re, text));
      }
    }
  }, 120_000);

  it('the duration, age and percentage patterns match alike, groups read case-insensitively', () => {
    const patterns: [string, Worded][] = [
      ['duration', durations.duration],
      ['ageOld', durations.ageOld],
      ['percent', height.percent],
    ];
    for (const text of texts) {
      for (const [name, p] of patterns) {
        const { re, on } = worded(lex, view(text), { ...p, compiled: true, compiledLower: true });
        expect(all(re, on), `${name}: ${text}`).toEqual(all(p.full, text));
        const plain = worded(lex, view(text), { ...p, compiled: false, compiledLower: false });
        if (plain.re === p.plain || plain.re === p.plainLower)
          expect(all(plain.re, plain.on), `${name} plain: ${text}`).toEqual(all(p.full, text));
      }
    }
  }, 120_000);
});

describe('number words that may start a match', () => {
  it('only a word standing on its own, after "x", or after a range\'s "to" or "or"', () => {
    const may = (t: string) => mayHoldNumberWord(lex, view(t));
    for (const t of ['bone', 'often', 'extent', 'phone', 'COMPARISON: None.', 'attention to detail'])
      expect(may(t), t).toBe(false);
    for (const t of [
      'two weeks',
      'for TWO',
      'x2 one',
      'xtwo weeks',
      '×two',
      '3 tofive weeks',
      '3 orfive',
      'İone',
    ])
      expect(may(t), t).toBe(true);
    expect(may('boneſ')).toBe(true);
  });
});

describe('facts of text that does not fold', () => {
  it('are those of the same text with plain letters', () => {
    const pairs: [string, string][] = [
      ['İ have had back pain for THREE WEEKS.', 'I have had back pain for THREE WEEKS.'],
      [
        'Back pain for 3 WEEKS, a 45 YEAR-OLD İ, ſeen today.',
        'Back pain for 3 WEEKS, a 45 YEAR-OLD I, seen today.',
      ],
      [
        'Neck pain x 2 wee\u212as, failed PT for 6 wee\u212as.',
        'Neck pain x 2 weeks, failed PT for 6 weeks.',
      ],
      [
        '\u0345 Pain for two months and 30% loss of height of L2.',
        'x Pain for two months and 30% loss of height of L2.',
      ],
      ['Σ: 67-YEAR-OLD with NUMBNESS for the PAST YEAR.', 'S: 67-YEAR-OLD with NUMBNESS for the PAST YEAR.'],
    ];
    for (const [odd, plain] of pairs) {
      const a = measure(odd);
      expect(a.length, odd).toBeGreaterThan(0);
      expect(kv(a), odd).toEqual(kv(measure(plain)));
      expect(
        a.map((m) => [m.span.start, m.span.end]),
        odd,
      ).toEqual(measure(plain).map((m) => [m.span.start, m.span.end]));
    }
  });
});
