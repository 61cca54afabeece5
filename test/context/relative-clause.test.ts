/**
 * A relative clause between commas ("The pain, which had lasted months, has resolved") sits between a
 * finding and the words that assert it: the scope of those words passes over it.
 */
import { describe, expect, it } from 'vitest';
import { sentenceAssertion as assertion } from '../helpers/context.js';
import { extractText } from '../helpers/extractor.js';

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

  it('ends a negation before it when no list goes on after it', () => {
    const s =
      'Patient is a 45 yo F with no significant past medical history, who presents with 2 days of fever, chills, and right flank pain.';
    expect(assertion(s, 'fever')).toBe('present');
    expect(assertion(s, 'right flank pain')).toBe('present');
  });

  it('does not join two clauses that a comma only separates', () => {
    expect(assertion('Leg pain persists, back pain has resolved.', 'Leg pain')).toBe('present');
    expect(assertion('The weakness, which began last week, is unchanged.', 'weakness')).toBe('present');
  });
});

describe('a colon after a negation', () => {
  const assertions = (text: string) => extractText(text).findings.map((f) => `${f.concept} ${f.assertion}`);

  it('opens the list the negation denies when it follows the cue or announces a list', () => {
    expect(assertions('ROS: Denies: fever, saddle anesthesia.\n')).toEqual([
      'fever absent',
      'saddle_anesthesia absent',
    ]);
    expect(assertions('ROS: Negative for the following: fever, urinary retention.\n')).toEqual([
      'fever absent',
      'bowel_bladder_dysfunction absent',
    ]);
  });

  it('starts a new statement after the negated words', () => {
    expect(
      assertions(
        'HPI: Pain began 3 weeks ago without an inciting event: low back pain shooting down the left leg.\n',
      ),
    ).toEqual(['back_pain present', 'radiculopathy present']);
  });
});
