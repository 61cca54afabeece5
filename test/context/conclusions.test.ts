import { describe, expect, it } from 'vitest';
import { sentenceAssertion as assertion } from '../helpers/context.js';

describe('negation scope around conclusions, unnoticed symptoms, care not indicated', () => {
  it('ends a negation at a comma that opens an affirmative conclusion', () => {
    expect(
      assertion('Bright disc signal without endplate erosion, consistent with degeneration.', 'degeneration'),
    ).toBe('present');
    expect(assertion('No findings consistent with osteomyelitis.', 'osteomyelitis')).toBe('absent');
  });

  it('negates what the patient has not noticed', () => {
    expect(assertion('He has not noticed any hand numbness or clumsiness.', 'clumsiness')).toBe('absent');
  });

  it('reads care that is not indicated or not recommended as not given', () => {
    expect(assertion('Surgery is not recommended at this point.', 'Surgery')).toBe('absent');
    expect(assertion('A facet injection was not indicated.', 'facet injection')).toBe('absent');
  });

  it('reads a condition named before "warning signs" as something to look out for', () => {
    expect(assertion('We reviewed cauda equina warning signs with her.', 'cauda equina')).toBe(
      'hypothetical',
    );
    expect(assertion('Neck pain without warning signs.', 'Neck pain')).toBe('present');
  });
});
