/**
 * What an operation left behind ("laminectomy defect", "fusion hardware") is seen on today's study; the
 * operation itself is in the past.
 */
import { describe, expect, it } from 'vitest';
import { extractText } from '../helpers/extractor.js';

function surgeries(text: string): string[] {
  return extractText(text)
    .findings.filter((f) => f.concept === 'spine_surgery')
    .flatMap((f) => f.mentions.map((m) => `${m.assertion}: ${m.span.text}`));
}

describe('traces of an operation', () => {
  it('make the operation historical', () => {
    expect(
      surgeries('FINDINGS:\nPosterior laminectomy defect at L4-5. Intact fusion hardware from L4 to S1.\n'),
    ).toEqual(['historical: laminectomy', 'historical: fusion']);
  });

  it('do not reach past a comma to another operation', () => {
    const said = surgeries(
      'PLAN:\nWe discussed the risks of surgery, hardware failure and infection. She will proceed with a laminectomy.\n',
    );
    expect(said).not.toContain('historical: surgery');
  });
});

describe('the changes an operation left', () => {
  it('make the operation historical, as "status post" does', () => {
    expect(
      surgeries(
        'FINDINGS:\nPostoperative changes of a left L4-5 hemilaminotomy. Post-kyphoplasty changes at T12. Solid osseous fusion at C5-6, with a disc bulge above the fusion.\n',
      ),
    ).toEqual([
      'historical: hemilaminotomy',
      'historical: kyphoplasty',
      'historical: fusion',
      'historical: fusion',
    ]);
  });

  it('leave planned and recommended surgery as it is', () => {
    expect(surgeries('PLAN:\nWe will schedule an L4-5 fusion.\n')).toEqual(['hypothetical: fusion']);
  });
});
