/**
 * Findings stated as a predicate of the structure ("the spinal canal is moderately narrowed", "the facets
 * show hypertrophic changes") rather than named as a noun phrase ("moderate canal stenosis").
 */
import { describe, expect, it } from 'vitest';
import { extractText, finding } from '../helpers/extractor.js';

describe('findings stated as a predicate', () => {
  it('reads a narrowed canal, foramen or disc space with its severity and level', () => {
    const r = extractText(
      'FINDINGS:\nL3-4: The neural foramina are mildly narrowed bilaterally.\n' +
        'L4-5: The spinal canal is moderately to severely narrowed by a broad bulge.\n' +
        'The L5-S1 disc space is severely narrowed.\n',
    );
    expect(finding(r, 'foraminal_stenosis')).toMatchObject({ levels: ['L3-L4'], severity: 'mild' });
    expect(finding(r, 'spinal_stenosis')).toMatchObject({ levels: ['L4-L5'], severity: 'severe' });
    expect(finding(r, 'degenerative_disc_disease')).toMatchObject({ levels: ['L5-S1'], severity: 'severe' });
  });

  it('reads facets that show hypertrophic changes as facet arthropathy, not spondylosis', () => {
    const r = extractText('FINDINGS:\nThe facets show hypertrophic changes at L4-5 and L5-S1.\n');
    expect(finding(r, 'facet_arthropathy')?.levels).toEqual(['L4-L5', 'L5-S1']);
    expect(finding(r, 'spondylosis')).toBeUndefined();
  });

  it('does not read a canal stated not narrowed as a stenosis', () => {
    const r = extractText('FINDINGS:\nAt L2-3 the spinal canal is not narrowed.\n');
    expect(finding(r, 'spinal_stenosis')).toBeUndefined();
  });
});
