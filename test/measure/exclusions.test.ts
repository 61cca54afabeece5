/**
 * Weeks that are not a symptom or treatment duration: how long a treatment helped, a window in which events
 * were counted, and "scheduled" used as a dosing adjective. And the referral that states a symptom history.
 */
import { describe, expect, it } from 'vitest';
import { kv, measure } from './helpers.js';

const durations = (text: string, kind = 'hpi') =>
  kv(measure(text, kind).filter((m) => m.kind.endsWith('_duration_weeks')));

describe('the length of a benefit is no duration', () => {
  it('drops "N months of relief" and its modified forms', () => {
    expect(durations('Her last facet injection bought her about four months of relief.')).toEqual([]);
    expect(durations('Epidural steroid injections in 2022 with 3 weeks of 70% relief.')).toEqual([]);
    expect(durations('The caudal epidural provided two months of good pain relief.')).toEqual([]);
    expect(durations('A trial of physical therapy gave 9 months of significant benefit.')).toEqual([]);
  });

  it('drops a benefit stated before its length', () => {
    expect(durations('Relief from the epidural injection lasted 6 weeks.')).toEqual([]);
    expect(durations('PT gave relief lasting roughly 2 months.')).toEqual([]);
    expect(durations('The nerve block relieved his buttock pain for about 3 weeks.')).toEqual([]);
    expect(durations('Chiropractic care helped for a month.')).toEqual([]);
  });

  it('keeps the trial when the benefit is denied or belongs to something after the number', () => {
    expect(durations('Ten weeks of supervised PT without relief.')).toEqual([
      'conservative_duration_weeks:10',
    ]);
    expect(durations('Gabapentin for 4 weeks with minimal relief.')).toEqual([
      'conservative_duration_weeks:4',
    ]);
    expect(durations('No relief after 8 weeks of physical therapy.')).toEqual([
      'conservative_duration_weeks:8',
    ]);
    expect(durations('Sciatica for 3 months, relieved by lying flat.')).toEqual([
      'symptom_duration_weeks:13',
    ]);
    expect(durations('Improved with physical therapy for 6 weeks.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
  });
});

describe('a referral for "N months of <symptom>" states the history', () => {
  it('reads the symptom duration after a referral verb', () => {
    expect(durations('61-year-old referred by her PCP for 5 months of burning foot numbness.')).toEqual([
      'symptom_duration_weeks:21.7',
    ]);
    expect(durations('Referral to spine surgery for six weeks of radicular arm pain.')).toEqual([
      'symptom_duration_weeks:6',
    ]);
  });

  it('still treats a referral for a treatment as a plan', () => {
    expect(durations('Will refer for 8 weeks of aquatic therapy.')).toEqual([]);
    expect(durations('If she has 2 more weeks of pain, refer to spine.')).toEqual([]);
  });
});

describe('counted events in a window are not a symptom duration', () => {
  it('drops a count of events in the past period', () => {
    expect(durations('Three falls over the past two months.')).toEqual([]);
    expect(durations('He reports 2 episodes of fecal incontinence within the last week.')).toEqual([]);
    expect(durations('Falls x3 in the last month.')).toEqual([]);
    expect(durations('Several near falls in the past year.')).toEqual([]);
  });

  it('keeps a stated symptom and an uncounted course', () => {
    expect(durations('Tingling in the left hand for the past month.')).toEqual([
      'symptom_duration_weeks:4.3',
    ]);
    expect(durations('Recurrent falls over the past year.')).toEqual(['symptom_duration_weeks:52.2']);
    expect(durations('Neck pain x 3 months.')).toEqual(['symptom_duration_weeks:13']);
    expect(durations('Rates it 6/10 pain for 2 months.')).toEqual(['symptom_duration_weeks:8.7']);
  });
});

describe('"scheduled" before a drug is dosing, not a plan', () => {
  it('keeps the trial of a drug taken on a schedule', () => {
    expect(durations('She has been on scheduled naproxen for 3 weeks for the back pain.')).toEqual([
      'conservative_duration_weeks:3',
    ]);
  });

  it('still reads "scheduled for" as a plan', () => {
    expect(durations('Physical therapy is scheduled for 6 weeks.')).toEqual([]);
  });
});
