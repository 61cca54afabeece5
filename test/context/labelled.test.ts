/**
 * Agreement with a hand-labelled set (test/context/labelled-sentences.jsonl): general clinical sentences and
 * spine report / clinic sentences, each with a target phrase and the assertion a physician would give it.
 * The labels were written before the engine was run on them and were never changed to fit its output.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assertSentence, ContextEngine } from '../../src/context/index.js';
import { ASSERTIONS, type Assertion } from '../../src/facts/schema.js';

interface Labelled {
  sentence: string;
  target: string;
  assertion: Assertion;
  domain: 'general' | 'spine';
}

const here = dirname(fileURLToPath(import.meta.url));
const rows: Labelled[] = readFileSync(join(here, 'labelled-sentences.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled);

const engine = ContextEngine.fromFile();
const predicted = rows.map((row) => {
  const res = assertSentence(engine, row.sentence, row.target);
  return 'error' in res ? 'error' : res.assertion;
});

interface Scores {
  n: number;
  accuracy: number;
  perClass: Record<Assertion, { n: number; p: number; r: number; f1: number }>;
}

function score(idx: number[]): Scores {
  let correct = 0;
  for (const i of idx) if (predicted[i] === rows[i]!.assertion) correct++;
  const perClass = {} as Scores['perClass'];
  for (const cls of ASSERTIONS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of idx) {
      const gold = rows[i]!.assertion === cls;
      const pred = predicted[i] === cls;
      if (gold && pred) tp++;
      else if (pred) fp++;
      else if (gold) fn++;
    }
    const p = tp + fp ? tp / (tp + fp) : 1;
    const r = tp + fn ? tp / (tp + fn) : 1;
    perClass[cls] = { n: tp + fn, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  }
  return { n: idx.length, accuracy: idx.length ? correct / idx.length : 1, perClass };
}

function report(name: string, s: Scores): string {
  const lines = [
    `${name}: n=${s.n} accuracy=${s.accuracy.toFixed(3)} negation F1=${s.perClass.absent.f1.toFixed(3)}`,
  ];
  for (const cls of ASSERTIONS) {
    const c = s.perClass[cls];
    lines.push(
      `  ${cls.padEnd(12)} n=${String(c.n).padStart(3)} P=${c.p.toFixed(3)} R=${c.r.toFixed(3)} F1=${c.f1.toFixed(3)}`,
    );
  }
  return lines.join('\n');
}

const all = rows.map((_, i) => i);
const byDomain = (d: Labelled['domain']) => all.filter((i) => rows[i]!.domain === d);

describe('labelled sentences', () => {
  it('has at least 250 well-formed rows from both domains, every target found in its sentence', () => {
    expect(rows.length).toBeGreaterThanOrEqual(250);
    expect(byDomain('general').length).toBeGreaterThanOrEqual(100);
    expect(byDomain('spine').length).toBeGreaterThanOrEqual(100);
    for (const r of rows) {
      expect(ASSERTIONS).toContain(r.assertion);
      expect(r.sentence.toLowerCase()).toContain(r.target.toLowerCase());
    }
    expect(predicted).not.toContain('error');
  });

  it('reaches negation F1 >= 0.95 and accuracy >= 0.9, overall and in each domain', () => {
    const overall = score(all);
    const general = score(byDomain('general'));
    const spine = score(byDomain('spine'));
    const misses = all
      .filter((i) => predicted[i] !== rows[i]!.assertion)
      .map(
        (i) =>
          `  miss [${rows[i]!.target}] gold=${rows[i]!.assertion} got=${predicted[i]} :: ${rows[i]!.sentence}`,
      );
    console.log(
      [
        report('context labelled set', overall),
        report('general', general),
        report('spine', spine),
        ...misses,
      ].join('\n'),
    );
    for (const s of [overall, general, spine]) {
      expect(s.perClass.absent.f1).toBeGreaterThanOrEqual(0.95);
      expect(s.accuracy).toBeGreaterThanOrEqual(0.9);
    }
  });
});
