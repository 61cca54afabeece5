/**
 * When the notes say nothing of the course, scores measured at dated visits still tell it: a pain score down by
 * its MCID (2 points) or an mJOA up by its MCID is improvement, so the 6-week rule does not call for second-line
 * care. A statement of the course always comes first.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCase, loadLexicons } from '../../src/index.js';

const visit = (source: string, date: string, body: string) => ({
  source,
  text: `SPINE CLINIC NOTE\nDate of service: ${date}\n${body}\n`,
});
const lowBack = (pain1: number, pain2: number, extra = '') => [
  visit(
    'v1.txt',
    '2025-01-13',
    `HPI: Low back pain for 3 weeks. Pain ${pain1}/10.\nPLAN: Start physical therapy twice weekly.`,
  ),
  visit(
    'v2.txt',
    '2025-03-17',
    `HPI: Low back pain. Doing physical therapy twice weekly. Pain ${pain2}/10.${extra}`,
  ),
];

describe('improvement measured across visits', () => {
  it('a pain score down by 2 or more points is improvement when no note states the course', () => {
    expect(evaluateCase(lowBack(8, 4)).triage).toBe('conservative');
    expect(evaluateCase(lowBack(8, 7)).triage).toBe('second-line');
    // The threshold is a guideline parameter.
    const strict = loadLexicons(undefined, { guidelineConfig: { painImprovement: 3 } });
    expect(evaluateCase(lowBack(8, 6), { lexicons: strict }).triage).toBe('second-line');
    expect(evaluateCase(lowBack(8, 6)).triage).toBe('conservative');
  });

  it('a stated course comes first', () => {
    expect(evaluateCase(lowBack(8, 5, ' No improvement with PT.')).triage).toBe('second-line');
  });

  it('an mJOA up by 2 or more points is improvement', () => {
    const neck = (a: number, b: number) => [
      visit(
        'v1.txt',
        '2025-01-13',
        `HPI: Neck pain with hand numbness. mJOA ${a}/18.\nPLAN: Start physical therapy.`,
      ),
      visit(
        'v2.txt',
        '2025-03-17',
        `HPI: Neck pain with hand numbness. Doing physical therapy. mJOA ${b}/18.`,
      ),
    ];
    expect(evaluateCase(neck(13, 15)).triage).toBe('conservative');
    expect(evaluateCase(neck(13, 14)).triage).toBe('second-line');
  });
});
