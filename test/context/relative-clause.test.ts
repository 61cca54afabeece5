/**
 * A relative clause between commas ("The pain, which had lasted months, has resolved") sits between a
 * finding and the words that assert it: the scope of those words passes over it.
 */
import { describe, expect, it } from 'vitest';
import { sentenceAssertion as assertion } from '../helpers/context.js';

describe('a relative clause between a finding and its negation', () => {
  it('is passed over by a negation after it', () => {
    expect(
      assertion('The low back pain, which had been present for two months, has resolved.', 'low back pain'),
    ).toBe('absent');
    expect(assertion('Her numbness, which was worse at night, has not recurred.', 'numbness')).toBe('absent');
  });

  it('is passed over whatever it says itself', () => {
    expect(assertion('The neck pain, which was never treated, has resolved.', 'neck pain')).toBe('absent');
  });

  it('keeps a cue inside the clause to the clause', () => {
    expect(
      assertion(
        'Left paracentral extrusion, which does not enhance, compressing the traversing left L5 nerve root.',
        'compressing the traversing left L5 nerve root',
      ),
    ).toBe('present');
    // A scope that meets the clause passes over it to the rest of its list.
    expect(assertion('No fever, which would suggest infection, or chills.', 'chills')).toBe('absent');
  });

  it('does not join two clauses that a comma only separates', () => {
    expect(assertion('Leg pain persists, back pain has resolved.', 'Leg pain')).toBe('present');
    expect(assertion('The weakness, which began last week, is unchanged.', 'weakness')).toBe('present');
  });
});
