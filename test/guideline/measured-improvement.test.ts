/**
 * When the notes say nothing of the course, an mJOA measured at dated visits still tells it: a rise by its MCID
 * (2 points, the guideline's mjoaDecline) is improvement, so the 6-week rule does not call for second-line care.
 * A statement of the course always comes first; pain scores are not read this way.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCase } from '../../src/index.js';

const visit = (source: string, date: string, body: string) => ({
  source,
  text: `SPINE CLINIC NOTE\nDate of service: ${date}\n${body}\n`,
});
const neck = (a: number, b: string, extra = '') => [
  visit(
    'v1.txt',
    '2025-01-13',
    `HPI: Neck pain with hand numbness. mJOA ${a}/18.\nPLAN: Start physical therapy.`,
  ),
  visit('v2.txt', '2025-03-17', `HPI: Neck pain with hand numbness. Doing physical therapy. ${b}${extra}`),
];

describe('improvement measured across visits', () => {
  it('an mJOA up by 2 or more points is improvement when no note states the course', () => {
    expect(evaluateCase(neck(13, 'mJOA 15/18.')).triage).toBe('conservative');
    expect(evaluateCase(neck(13, 'mJOA 14/18.')).triage).toBe('second-line');
    // The current value of a change is its last: "from 15 at intake to 13 today" fell, it did not rise.
    expect(evaluateCase(neck(15, 'mJOA fell from 15 at intake to 13 today.')).triage).toBe('surgical-review');
  });

  it('a stated course comes first', () => {
    expect(evaluateCase(neck(13, 'mJOA 15/18.', ' No improvement with PT.')).triage).toBe('second-line');
  });

  it('does not read pain scores as improvement', () => {
    const back = [
      visit(
        'v1.txt',
        '2025-01-13',
        'HPI: Low back pain. Pain 8/10 with activity, 2/10 at rest.\nPLAN: Start PT.',
      ),
      visit('v2.txt', '2025-03-17', 'HPI: Low back pain. Doing PT. Pain 3/10 at rest, 8/10 with activity.'),
    ];
    expect(evaluateCase(back).triage).toBe('second-line');
  });
});
