import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { describe, expect, it } from 'vitest';
import { FuzzyCorrector, type FuzzyLexicon, mayBeWithin } from '../../src/match/fuzzy.js';
import { stem } from '../../src/text/tokenize.js';
import { rng } from '../helpers/random.js';

const distance = (a: string, b: string) => DamerauLevenshteinDistance(a, b, { restricted: true });

const VOCABULARY = [
  'spondylosis',
  'spondylolisthesis',
  'spondylolysis',
  'stenosis',
  'stenotic',
  'protrusion',
  'protruding',
  'extrusion',
  'herniation',
  'herniated',
  'desiccation',
  'dessication',
  'osteophyte',
  'osteophytes',
  'radiculopathy',
  'myelopathy',
  'myelomalacia',
  'compression',
  'compressive',
  'foraminal',
  'foramina',
  'degenerative',
  'degeneration',
  'retrolisthesis',
  'anterolisthesis',
  'kyphoplasty',
  'vertebroplasty',
  'laminectomy',
  'discectomy',
  'diskectomy',
  'hyperintense',
  'hypointense',
  'arthropathy',
  'hypertrophy',
  'paresthesia',
  'paresthesias',
  'weakness',
  'numbness',
  'claudication',
  'incontinence',
  'retention',
  'malignancy',
  'metastasis',
  'metastatic',
  'osteomyelitis',
  'discitis',
  'fracture',
  'fractures',
  'neuropathy',
  'sciatica',
  'lumbago',
  'épidurale',
  'sténose',
  'straße',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzéèüß';

/** One to three random edits (insert, delete, substitute, swap neighbours) of a word. */
function misspell(word: string, next: () => number): string {
  let w = word;
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits && w.length > 1; e++) {
    const i = Math.floor(next() * w.length);
    const c = LETTERS[Math.floor(next() * LETTERS.length)]!;
    const op = Math.floor(next() * 4);
    if (op === 0) w = w.slice(0, i) + c + w.slice(i);
    else if (op === 1) w = w.slice(0, i) + w.slice(i + 1);
    else if (op === 2) w = w.slice(0, i) + c + w.slice(i + 1);
    else if (i + 1 < w.length) w = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  }
  return w;
}

const CONFIG: FuzzyLexicon = {
  version: '1',
  minLength: 7,
  longWordLength: 10,
  neverCorrect: ['hypointense'],
};

/** The corrector as first written: natural's distance on every candidate of the first letter. */
function referenceCorrect(vocabulary: readonly string[], config: FuzzyLexicon, lower: string): string | null {
  const never = new Set(config.neverCorrect);
  if (lower.length < config.minLength || never.has(lower)) return null;
  let best: string | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  const long = lower.length >= config.longWordLength;
  for (const cand of vocabulary) {
    if (cand.length < config.minLength - 1 || !/^\p{L}+$/u.test(cand) || cand[0] !== lower[0]) continue;
    if (Math.abs(cand.length - lower.length) > (long ? 2 : 1)) continue;
    const d = distance(lower, cand);
    const allowed = d === 1 || (d === 2 && long && cand.slice(0, 4) === lower.slice(0, 4));
    if (allowed && d < bestDist) {
      best = stem(cand);
      bestDist = d;
    }
  }
  return best;
}

describe('fuzzy correction', () => {
  it('never rules out a pair that natural puts within reach', () => {
    const next = rng(7);
    let within = 0;
    let ruledOut = 0;
    for (let n = 0; n < 20_000; n++) {
      const a = VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
      const b = next() < 0.7 ? misspell(a, next) : VOCABULARY[Math.floor(next() * VOCABULARY.length)]!;
      const d = distance(a, b);
      for (let reach = 0; reach <= 3; reach++) {
        const may = mayBeWithin(a, b, reach);
        if (d <= reach) {
          within++;
          expect(may, `${a} / ${b}: distance ${d}, reach ${reach}`).toBe(true);
        } else if (!may) ruledOut++;
      }
    }
    expect(within).toBeGreaterThan(10_000);
    // The point of the bound: most pairs out of reach never get to natural.
    expect(ruledOut).toBeGreaterThan(20_000);
  });

  it('rules out look-alikes by their letters, not only by length', () => {
    expect(mayBeWithin('stenosis', 'sciatica', 1)).toBe(false);
    expect(mayBeWithin('protrusion', 'extrusion', 1)).toBe(false);
    expect(mayBeWithin('stenosis', 'stensois', 1)).toBe(true);
  });

  it('corrects exactly as natural on every candidate does', () => {
    const fuzzy = new FuzzyCorrector(VOCABULARY, CONFIG);
    const next = rng(11);
    let corrected = 0;
    for (let n = 0; n < 5000; n++) {
      const w = misspell(VOCABULARY[Math.floor(next() * VOCABULARY.length)]!, next);
      const expected = referenceCorrect(VOCABULARY, CONFIG, w);
      if (expected !== null) corrected++;
      expect(fuzzy.correct(w), w).toBe(expected);
    }
    expect(corrected).toBeGreaterThan(1000);
  });
});
