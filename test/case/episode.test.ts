/**
 * A case may hold documents from years back (an operative note, an old consult). Their symptoms, care and
 * failures are history: they must not supply this episode's duration, course or failed care.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCase } from '../../src/index.js';

const oldOpNote = {
  source: '2015-operative-note.txt',
  text: 'OPERATIVE NOTE\nDate of service: 03/10/2015\nINDICATION: Left L5 radiculopathy for 4 months, failed conservative management including physical therapy and two epidural steroid injections, with progressive weakness.\nPROCEDURE: Left L4-5 microdiscectomy.\n',
};
const visit = (date: string, body: string) => ({
  source: `visit-${date}.txt`,
  text: `SPINE CLINIC NOTE\nDate of service: ${date}\n${body}\n`,
});

describe('documents of an earlier episode', () => {
  it('give history, not this episode’s duration, failures or red flags', () => {
    const now = visit(
      '06/02/2024',
      'HPI: Low back pain for 10 days after lifting. No leg symptoms.\nPLAN: Start PT.',
    );
    const r = evaluateCase([oldOpNote, now]);
    expect(r.triage).toBe('conservative');
    expect(r.facts.failedConservative).toEqual([]);
    expect(r.facts.durations.effectiveWeeks).toBeLessThan(6);
  });

  it('still count within the episode window', () => {
    const recentOp = { ...oldOpNote, text: oldOpNote.text.replace('03/10/2015', '01/10/2024') };
    const now = visit(
      '06/02/2024',
      'HPI: Low back pain for 10 days after lifting. No leg symptoms.\nPLAN: Start PT.',
    );
    expect(evaluateCase([recentOp, now]).triage).not.toBe('conservative');
  });
});
