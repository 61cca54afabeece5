/**
 * Care started at this visit is present (the contract), but it has not yet been tried: a steroid course
 * begun today after 10 weeks of failed first-line care makes the case second-line, not a failed second line.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCase, loadLexicons } from '../../src/index.js';

const lexicons = loadLexicons();
const note = (plan: string) => `SPINE CLINIC
Date: 04/14/2025
HPI: Low back pain radiating to the left leg for about 10 weeks. Physical therapy for 8 weeks and
naproxen, with no improvement.
Assessment: Left L5 radiculopathy, not improving after 10 weeks of conservative care.
Plan: ${plan}`;

describe('care started today', () => {
  it('is no second-line treatment already tried and failed', () => {
    const c = evaluateCase([{ source: 'n.txt', text: note('Medrol dosepak started today (Rx sent).') }], {
      lexicons,
    });
    expect(c.triage).toBe('second-line');
    // Still a present fact of the note; only its trial has not happened yet.
    expect(c.facts.findings.find((f) => f.concept === 'oral_corticosteroids')?.assertion).toBe('present');
    expect(c.facts.treatments.find((t) => t.concept === 'oral_corticosteroids')?.status).toBe('ordered');
  });

  it('is one when the note says it was taken before', () => {
    const c = evaluateCase(
      [{ source: 'n.txt', text: note('She completed a Medrol dosepak last month without relief.') }],
      { lexicons },
    );
    expect(c.triage).toBe('surgical-review');
  });
});
