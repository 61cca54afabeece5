/**
 * A list's lead line ("Patient denies:", "Return to the ED if you develop:") speaks of the items below it,
 * one per line, as it would of words after it in its own sentence.
 */
import { describe, expect, it } from 'vitest';
import { extractText, findingKeys } from '../helpers/extractor.js';

const keysOf = (text: string) => findingKeys(extractText(text));

describe('list leads', () => {
  it('denies each item of a bulleted list under "denies:"', () => {
    const note = [
      'HPI: 52-year-old with low back pain for 2 weeks after lifting.',
      'Patient denies:',
      '- fever or chills',
      '- saddle numbness',
      '- urinary retention',
      'Exam: strength 5/5, SLR negative.',
    ].join('\n');
    expect(keysOf(note)).toEqual([
      'back_pain/present',
      'bowel_bladder_dysfunction/absent',
      'fever/absent',
      'saddle_anesthesia/absent',
    ]);
  });

  it('makes the warning signs of discharge instructions hypothetical', () => {
    const note = [
      'Diagnosis: acute low back pain.',
      'RETURN TO THE EMERGENCY DEPARTMENT IMMEDIATELY IF YOU DEVELOP:',
      '* numbness in the groin or saddle area',
      '* loss of bladder or bowel control',
      '* worsening weakness in your legs',
      '',
      'Follow up with your primary care doctor in 1-2 weeks.',
    ].join('\n');
    const keys = keysOf(note);
    expect(keys).toContain('saddle_anesthesia/hypothetical');
    expect(keys).toContain('bowel_bladder_dysfunction/hypothetical');
    expect(keys).toContain('progressive_deficit/hypothetical');
    expect(keys.filter((k) => k.endsWith('/present'))).toEqual(['back_pain/present']);
  });

  it('reads unmarked lines right below the lead, and stops at prose', () => {
    const note = [
      'ROS:',
      'Patient denies:',
      'fever, chills',
      'saddle numbness',
      'Reports new weakness of the left leg.',
    ].join('\n');
    expect(keysOf(note)).toEqual(['fever/absent', 'motor_weakness/present', 'saddle_anesthesia/absent']);
  });

  it('gives nothing to a list whose lead says nothing of it, or to a list after a blank line', () => {
    expect(keysOf('Problems:\n- chronic low back pain\n- saddle numbness')).toEqual([
      'back_pain/present',
      'saddle_anesthesia/present',
    ]);
    expect(keysOf('Patient denies:\n\nAssessment:\n- urinary retention')).toEqual([
      'bowel_bladder_dysfunction/present',
    ]);
    expect(keysOf('HPI: Patient denies:\n- fever\n\n- new urinary retention since yesterday')).toEqual([
      'bowel_bladder_dysfunction/present',
      'fever/absent',
    ]);
    // A negation that stops at its colon opens no list ("started without an inciting event: ...").
    expect(
      keysOf('Pain started without an inciting event:\nlow back pain radiating to the left leg'),
    ).toContain('back_pain/present');
  });
});
