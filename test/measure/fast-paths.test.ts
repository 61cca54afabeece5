/**
 * The hand-written scans and gates that spare the measurement regexes must agree with them exactly: checked
 * on random strings drawn from the characters that decide them (letters, digits, the special signs, spaces,
 * non-ASCII letters and a surrogate pair).
 */
import { describe, expect, it } from 'vitest';
import { lastWord, type SentenceView } from '../../src/measure/context.js';
import { compileDurationPatterns } from '../../src/measure/durations.js';
import { mayHold, type Needles, needles, needlesOf, type Worded } from '../../src/measure/gates.js';
import { compileHeightPatterns } from '../../src/measure/height.js';
import { compileLexicon, loadMeasurementLexicon } from '../../src/measure/lexicon.js';
import { defaultLexiconDir } from '../../src/util/package-root.js';
import { rng } from '../helpers/random.js';
import { randomStrings as randomStringsOf, sampleLines } from '../helpers/samples.js';
import { kv, measure } from './helpers.js';

// Characters and pieces that decide the scans: letters (of both cases, one that folds to "s" and one to "k"),
// digits, signs, spaces, a non-ASCII letter, a surrogate pair, and words of durations and percentages.
const ALPHABET = 'a B z x 1 9 , . - ~ > × é ſ \u212a 𝐀 ( / % y half an weeks old'.split(' ');
ALPHABET.push(' ', ' ');

const randomStrings = (seed: number, count: number, maxLen: number) =>
  randomStringsOf(ALPHABET, seed, count, maxLen);

describe('lastWord', () => {
  const RE = /([\p{L}]+|[~>×])[^\p{L}\d~>×]*$/u;
  it('finds what the regex finds on the same slice', () => {
    const next = rng(7);
    for (const s of randomStrings(1, 5000, 14)) {
      const from = Math.floor(next() * (s.length + 1));
      const to = from + Math.floor(next() * (s.length - from + 1));
      const m = RE.exec(s.slice(from, to));
      const want = m ? { start: from + m.index, word: m[1] } : null;
      expect(lastWord(s, from, to), JSON.stringify([s, from, to])).toEqual(want);
    }
  });

  it('reads the word before a number', () => {
    expect(lastWord('pain for the past 3 weeks', 0, 18)).toEqual({ start: 13, word: 'past' });
    expect(lastWord('x 3', 0, 2)).toEqual({ start: 0, word: 'x' });
    expect(lastWord('L4 3', 0, 3)).toBeNull();
  });
});

describe('patterns without their number words', () => {
  const lex = compileLexicon(loadMeasurementLexicon(defaultLexiconDir()));
  const durations = compileDurationPatterns(lex);
  const worded: Record<string, Worded> = {
    duration: durations.duration,
    ageOld: durations.ageOld,
    percent: compileHeightPatterns(lex).percent,
  };
  const view = (text: string): SentenceView => ({
    text,
    sectionKind: 'other',
    headerTitle: null,
    levelLabel: null,
  });
  const all = (re: RegExp, s: string) =>
    [...s.matchAll(re)].map((m) => [m.index, m[0], JSON.stringify(m.groups)]);

  const samples = sampleLines;

  it('match as the full patterns wherever no number word occurs', () => {
    const made = [
      'pain for a year and a half, 3-4 weeks, x2 months, an half year',
      '10-day history; a 67-year-old; 30% loss of height; a third; an-half',
      'half of the 45 percent; 2 1/2 months; 6 wks, 3 mo ago',
    ];
    const lines = [...samples(), ...made, ...randomStrings(3, 2000, 30)];
    let checked = 0;
    for (const line of lines) {
      if (mayHold(view(line), lex.numberWordNeedles)) continue;
      checked++;
      for (const [name, p] of Object.entries(worded))
        expect(all(p.plain, line), `${name}: ${line}`).toEqual(all(p.full, line));
    }
    expect(checked).toBeGreaterThan(500);
  }, 60_000);

  it('every gate finds something wherever its pattern matches', () => {
    const height = compileHeightPatterns(lex);
    const holds = (needles: Needles) => (v: SentenceView) => mayHold(v, needles);
    const gated: [string, (v: SentenceView) => boolean, RegExp][] = [
      ['unit', holds(durations.unitNeedles), durations.duration.full],
      ['past', holds(durations.pastNeedles), durations.pastUnit.re],
      ['old', holds(durations.oldNeedles), durations.ageOld.full],
      ['yo', holds(durations.yoNeedles), durations.ageYo.re],
      ['label', holds(durations.labelNeedles), durations.ageLabel.re],
      ['sex', (v) => v.text.includes('F') || v.text.includes('M'), durations.ageSex],
      [
        'percent',
        (v) => mayHold(v, height.needles) || (mayHold(v, needles(['per'])) && mayHold(v, needles(['cent']))),
        height.percent.full,
      ],
      ['number words', holds(lex.numberWordNeedles), new RegExp(lex.numberWordSrc, 'giu')],
      ['pain', holds(needles(['pain'])), /(?<![\p{L}])pain/giu],
      ...Object.entries(lex.scales).map(([k, cue]): [string, (v: SentenceView) => boolean, RegExp] => [
        k,
        (v) => lex.scaleGate.test(v.text),
        cue.re,
      ]),
    ];
    const made = [
      '3 WEEKS',
      'over the LAST year',
      '2 years OLD',
      'five PERCENT',
      'one-THIRD',
      'mJOA 12',
      'NRS 4',
    ];
    made.push(
      '45 YO',
      '45 Y/O man',
      'AGE: 45',
      '3 DAYſ',
      '3 \u212aWeeks',
      'TEN days',
      '20 PER\tCENT',
      'RATED',
    );
    for (const line of [...samples(), ...made, ...randomStrings(4, 2000, 30)]) {
      for (const [name, gate, pattern] of gated) {
        if (!gate(view(line))) expect(all(pattern, line), `${name}: ${line}`).toEqual([]);
      }
    }
  }, 60_000);

  it('a unit must end a word: "more" or "mother" holds none, "today" and "twoweeks" do', () => {
    const units = durations.unitNeedles;
    for (const text of ['MORE of the same', 'his mother', 'demonstrated'])
      expect(mayHold(view(text), units), text).toBe(false);
    for (const text of ['seen today', 'for TWOWEEKS', '3mos', '6 wks.', 'x2 Months', '3 DAYſ'])
      expect(mayHold(view(text), units), text).toBe(true);
    // Sentences the gate lets through still give their durations.
    expect(kv(measure('Neck pain x3mos.'))).toEqual(['symptom_duration_weeks:13']);
    expect(kv(measure('Low back pain for 2weeks.'))).toEqual(['symptom_duration_weeks:2']);
  });

  it('needles are the longest words of the phrases, none holding another, or none for non-ASCII words', () => {
    expect(needlesOf(['pain score', 'NRS', 'neck disability index', 'scores'])?.words).toEqual([
      'score',
      'nrs',
      'disability',
    ]);
    expect(needlesOf(['fièvre', 'fever'])).toBeNull();
    // A few needles are looked for in the lower-cased text, more with their alternation: either way "ſ" is
    // taken for "s" and "\u212a" for "k", as the patterns take them.
    for (const n of [needles(['days']), needles(['days', 'week', 'wk', 'mo', 'year', 'yr', 'mth'])]) {
      expect(mayHold(view('pain for 3 DAYS'), n)).toBe(true);
      expect(mayHold(view('3 DAYſ'), n)).toBe(true);
      expect(mayHold(view('3 dias'), n)).toBe(false);
    }
    expect(mayHold(view('3 WEE\u212aS'), needles(['week']))).toBe(true);
    expect(mayHold(view('3 WEE\u212aS'), needles(['week', 'qa', 'qb', 'qc', 'qd', 'qe', 'qf']))).toBe(true);
  });

  it('the full patterns still read number words', () => {
    expect(mayHold(view('for two weeks'), lex.numberWordNeedles)).toBe(true);
    expect(all(worded.duration!.full, 'for two weeks')).not.toEqual([]);
  });
});

describe('patterns with a word boundary first', () => {
  const lex = compileLexicon(loadMeasurementLexicon(defaultLexiconDir()));
  const all = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => [m.index, m[0]]);
  // Underscores and digits around the words: the characters where a boundary and the lookbehind part.
  const alphabet = [...ALPHABET, '_', '3', 'pain', 'rated', 'mother', 'VAS', 'ten', 'week'];

  it('find what the cues find on any text without "_"', () => {
    const cues = { ...lex.scales, painVerb: lex.painVerb, symptom: lex.symptom, relative: lex.relative };
    const lines = [...sampleLines(), ...randomStringsOf(alphabet, 5, 3000, 30)];
    let checked = 0;
    for (const line of lines) {
      if (line.includes('_')) continue;
      checked++;
      for (const [name, cue] of Object.entries(cues)) {
        const led = cue.fastestFor(line);
        expect(led, name).not.toBe(cue);
        expect(all(led.re, line), `${name}: ${line}`).toEqual(all(cue.re, line));
      }
    }
    expect(checked).toBeGreaterThan(1000);
  }, 60_000);

  it('leave text with "_" to the cue itself, and sentences without a digit still give their values', () => {
    expect(kv(measure('Low back pain for two weeks.'))).toEqual(['symptom_duration_weeks:2']);
    expect(kv(measure('Low back pain for two weeks per_note.'))).toEqual(['symptom_duration_weeks:2']);
    expect(kv(measure('Neck pain for two_weeks.'))).toEqual([]);
    expect(kv(measure('Nurick grade III.'))).toEqual(['nurick:3']);
    expect(kv(measure('She rates her back_pain at 7/10.'))).toEqual(['pain_score:7']);
  });
});
