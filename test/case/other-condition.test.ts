/**
 * A note about another condition (carpal tunnel syndrome, a rotator cuff tear) names numbness, weakness or
 * clumsiness that the condition explains and care given for it: they are not the spine's, so they make no
 * spine case, while a note that also states a spine finding keeps them.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCase, loadLexicons } from '../../src/index.js';

const lexicons = loadLexicons();
const triageOf = (text: string) => evaluateCase([{ source: 'note.txt', text }], { lexicons }).triage;

const HAND_CLINIC = `Hand Clinic
Date: 03/02/2025
HPI: 61-year-old man with numbness in the thumb and index finger of the left hand for 5 months, worse at
night. He drops keys. Wrist splint for 8 weeks without improvement. No neck pain.
Exam: Tinel positive at the left wrist. Thenar strength 4/5. Spurling negative.
Assessment: Left carpal tunnel syndrome, failed splinting.
Plan: Carpal tunnel release.`;

describe('a note about another condition', () => {
  it('makes no spine case of the symptoms and care of carpal tunnel syndrome', () => {
    expect(triageOf(HAND_CLINIC)).toBe('insufficient-data');
  });

  it('makes no spine case of failed shoulder therapy for a rotator cuff tear', () => {
    const note = `Sports Medicine
Date: 09/10/2024
Subjective: Right shoulder pain for 4 months. Eight weeks of PT, no better. No numbness.
Objective: Painful arc. Abduction strength 4/5.
Assessment: Right rotator cuff tendinopathy with a partial tear.
Plan: Subacromial corticosteroid injection today.`;
    expect(triageOf(note)).toBe('insufficient-data');
  });

  it('keeps the symptoms when the diagnosis is ruled out, past, or beside a spine finding', () => {
    const ruledOut = HAND_CLINIC.replace(
      'Left carpal tunnel syndrome',
      'No evidence of carpal tunnel syndrome',
    );
    expect(triageOf(ruledOut)).not.toBe('insufficient-data');
    const past = HAND_CLINIC.replace(
      'Left carpal tunnel syndrome, failed splinting.',
      'Neck strain.',
    ).replace('Plan: Carpal tunnel release.', 'PSH: carpal tunnel release 2015.');
    expect(triageOf(past)).not.toBe('insufficient-data');
    const withRadiculopathy = HAND_CLINIC.replace(
      'No neck pain.',
      'Neck pain radiating to the left thumb; C6 radiculopathy suspected as well.',
    );
    expect(triageOf(withRadiculopathy)).not.toBe('insufficient-data');
  });
});
