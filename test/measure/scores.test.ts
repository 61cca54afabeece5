import { describe, expect, it } from 'vitest';
import { kv, measure } from './helpers.js';

describe('mJOA and JOA', () => {
  it('reads the 18-point mJOA with its AO Spine band', () => {
    const [m] = measure('Myelopathy assessment today: mJOA 13/18, stable since the last visit.');
    expect(m).toMatchObject({
      kind: 'mjoa',
      value: 13,
      max: 18,
      band: 'moderate',
      span: { text: 'mJOA 13/18' },
    });
  });

  it('reads the name written out and the common phrasings', () => {
    expect(kv(measure('Her mJOA score of 14 places her in the moderate group.'))).toEqual(['mjoa:14']);
    expect(kv(measure('Modified JOA: 11.'))).toEqual(['mjoa:11']);
    expect(measure('Modified Japanese Orthopaedic Association score was 16 (mild).')[0]).toMatchObject({
      kind: 'mjoa',
      value: 16,
      band: 'mild',
    });
    expect(measure('mJOA 18, no functional deficit.')[0]?.band).toBe('normal');
    // The name written out with its acronym in brackets.
    expect(
      kv(measure('Modified Japanese Orthopaedic Association (mJOA) score 11 out of 18 at this visit.')),
    ).toEqual(['mjoa:11']);
    expect(kv(measure('Oswestry Disability Index (ODI) 42% on intake.'))).toEqual(['odi:42']);
    expect(measure('mJOA 9/18 with severe hand dysfunction.')[0]?.band).toBe('severe');
  });

  it('keeps the 17-point JOA apart from the 18-point mJOA', () => {
    const [joa] = measure('Preoperative JOA score was 10.5/17.');
    expect(joa).toMatchObject({ kind: 'joa', value: 10.5, max: 17 });
    expect(joa?.band).toBeUndefined();
    expect(measure('Japanese Orthopaedic Association score 12/17.')[0]).toMatchObject({
      kind: 'joa',
      max: 17,
    });
    // The denominator decides: an 18-point score is the mJOA whatever the name.
    expect(measure('JOA 13/18 at presentation.')[0]).toMatchObject({ kind: 'mjoa', max: 18 });
    // A 17-point "mJOA" keeps its name but gets no 18-point band.
    const [m17] = measure('mJOA 14/17 on the Western version.');
    expect(m17).toMatchObject({ kind: 'mjoa', value: 14, max: 17 });
    expect(m17?.band).toBeUndefined();
  });

  it('reads a change as two values in text order', () => {
    expect(kv(measure('mJOA improved from 11 to 14 after decompression.'))).toEqual(['mjoa:11', 'mjoa:14']);
    // When the first was taken may stand between; the second is still read (it is the current one).
    expect(kv(measure('mJOA improved from 11 at intake to 14 today.'))).toEqual(['mjoa:11', 'mjoa:14']);
    expect(kv(measure('mJOA fell from 15 in March to 12 in June.'))).toEqual(['mjoa:15', 'mjoa:12']);
    expect(kv(measure('mJOA improved from 11 in January 2024 to 14 today.'))).toEqual(['mjoa:11', 'mjoa:14']);
    // A time after "to" is no second score.
    expect(kv(measure('mJOA from 11 at intake to 14 days later was unchanged.'))).toEqual(['mjoa:11']);
  });

  it('reads an earlier bare value after a named one as the same scale', () => {
    expect(kv(measure('JOA 9/17 at this visit (11.5/17 last spring).'))).toEqual(['joa:9', 'joa:11.5']);
    expect(kv(measure('mJOA 12/18 now, 15/18 a year ago.'))).toEqual(['mjoa:12', 'mjoa:15']);
    expect(measure('Japanese Orthopaedic Association score 8/17; 10/17 preoperatively.')[1]).toMatchObject({
      kind: 'joa',
      value: 10,
      max: 17,
      span: { text: '10/17' },
    });
    // Not a target, not a date, and never without a named score before it.
    expect(kv(measure('mJOA 11/18; goal 15/18 after decompression.'))).toEqual(['mjoa:11']);
    expect(kv(measure('Seen on 3/17 for neck pain.'))).toEqual([]);
    expect(kv(measure('mJOA 13/18, last seen on 12/17.'))).toEqual(['mjoa:13']);
  });

  it('rejects values off the scale and thresholds', () => {
    expect(measure('mJOA 21/18.')).toEqual([]);
    expect(measure('Surgery is indicated for mJOA ≤ 12.')).toEqual([]);
    expect(measure('JOA recovery rate was 55%.')).toEqual([]);
  });
});

describe('Nurick', () => {
  it('reads the bare and colon forms', () => {
    expect(kv(measure('Nurick 2, gait slightly affected.'))).toEqual(['nurick:2']);
    expect(kv(measure('Nurick: 4'))).toEqual(['nurick:4']);
  });

  it('reads arabic and roman grades', () => {
    expect(measure('Nurick grade 2.')[0]).toMatchObject({ kind: 'nurick', value: 2, max: 5 });
    expect(measure('Gait impairment corresponds to Nurick grade III.')[0]).toMatchObject({ value: 3 });
    expect(measure('He is grade IV on the Nurick scale.')[0]).toMatchObject({ kind: 'nurick', value: 4 });
    expect(measure('Nurick 7.')).toEqual([]);
  });
});

describe('Genant grade', () => {
  it('reads the semiquantitative grade with its band, in digits or Roman numerals', () => {
    expect(measure('Genant grade 2 compression deformity of T12.')[0]).toMatchObject({
      kind: 'genant_grade',
      value: 2,
      max: 3,
      band: 'moderate',
      levels: ['T12'],
      span: { text: 'Genant grade 2' },
    });
    expect(measure('T11: Genant grade II deformity.')[0]).toMatchObject({ value: 2, levels: ['T11'] });
    expect(measure('Borderline deformity of L1, Genant 0.5.')[0]).toMatchObject({
      value: 0.5,
      band: 'borderline',
    });
    expect(measure('Grade 3 (Genant) collapse of L2.')[0]).toMatchObject({ value: 3, band: 'severe' });
  });

  it('gives each grade the vertebra of its own clause', () => {
    const grades = measure('Genant grade 1 wedging of T7; Genant grade 3 collapse of L1.');
    expect(grades.map((m) => [m.value, m.levels])).toEqual([
      [1, ['T7']],
      [3, ['L1']],
    ]);
  });

  it('reads only the grades the scale has', () => {
    expect(measure('Genant grade 4 deformity.')).toEqual([]);
    expect(measure('Genant classification was used.')).toEqual([]);
    expect(kv(measure('Disc degeneration, Pfirrmann grade 3 at L4-5.'))).toEqual([]);
  });
});

describe('pain scores', () => {
  it('reads N/10 and "out of 10" with a pain word nearby', () => {
    expect(measure('Low back pain 7/10, worse with sitting.')[0]).toMatchObject({
      kind: 'pain_score',
      value: 7,
      max: 10,
      band: 'severe',
      span: { text: '7/10' },
    });
    expect(kv(measure('She rates her pain as 8 out of 10 today.'))).toEqual(['pain_score:8']);
    expect(kv(measure('He rates his neck pain at a 6.'))).toEqual(['pain_score:6']);
    expect(kv(measure('Current pain level: 3/10.'))).toEqual(['pain_score:3']);
    expect(kv(measure('Vitals: BP 128/76, HR 72, Pain: 4.'))).toEqual(['pain_score:4']);
    expect(measure('Pain score 0 at rest.')[0]).toMatchObject({ value: 0, band: 'none' });
  });

  it('reads a dictated score in words', () => {
    expect(kv(measure('She describes the leg pain as eight out of ten today.'))).toEqual(['pain_score:8']);
    expect(kv(measure('Back pain is a five to six out of 10 at rest.'))).toEqual(['pain_score:6']);
    expect(kv(measure('His mJOA score is fourteen.'))).toEqual(['mjoa:14']);
    expect(kv(measure("Nurick grade three on today's exam."))).toEqual(['nurick:3']);
    // A number word that is no score: a count, or a time before the value.
    expect(kv(measure('Two of ten fingers are numb, no pain.'))).toEqual([]);
    expect(kv(measure('ODI one year ago, before the fusion.'))).toEqual([]);
    expect(kv(measure('mJOA: the one from March was 15.'))).not.toContain('mjoa:1');
  });

  it('reads NRS and VAS, dividing a 0-100 mm VAS by 10', () => {
    expect(kv(measure('NRS 6 in the right leg.'))).toEqual(['pain_score:6']);
    expect(kv(measure('VAS 6 for back pain.'))).toEqual(['pain_score:6']);
    expect(measure('VAS 65 mm for leg pain.')[0]).toMatchObject({ value: 6.5, raw: 65, rawUnit: 'mm' });
    expect(measure('Baseline VAS was 72.')[0]).toMatchObject({ value: 7.2, raw: 72, rawUnit: 'mm' });
    expect(measure('VAS 45/100.')[0]).toMatchObject({ value: 4.5, raw: 45, rawUnit: '/100' });
    expect(measure('VAS 6.5 cm.')[0]).toMatchObject({ value: 6.5, raw: 6.5, rawUnit: 'cm' });
    expect(measure('NRS 14.')).toEqual([]);
  });

  it('keeps the worse end of a range', () => {
    expect(measure('Radicular pain 6-7/10.')[0]).toMatchObject({ value: 7, span: { text: '6-7/10' } });
    expect(kv(measure('Her pain ranges from 3/10 to 6/10 during the day.'))).toEqual(['pain_score:6']);
  });

  it('keeps pain scores stated at different times, in text order', () => {
    expect(kv(measure('Pain improved from 8/10 to 3/10 after the injection.'))).toEqual([
      'pain_score:8',
      'pain_score:3',
    ]);
    expect(kv(measure('Worst pain 9/10, least pain 2/10.'))).toEqual(['pain_score:9', 'pain_score:2']);
    expect(kv(measure('Back pain 5/10 (was 8/10 before the injection).'))).toEqual([
      'pain_score:5',
      'pain_score:8',
    ]);
    // A bare "N/10" after a pain score restates it, even across a semicolon.
    expect(kv(measure('NRS 4/10 at rest; 7/10 after walking a block.'))).toEqual([
      'pain_score:4',
      'pain_score:7',
    ]);
    expect(kv(measure('NRS 4/10; ODI 36%; sit-to-stand 6/10 reps.'))).toEqual(['pain_score:4', 'odi:36']);
  });

  it('ignores targets, dates, strength grades and negated pain', () => {
    expect(measure('Goal pain below 3/10 within four weeks.')).toEqual([]);
    expect(measure('Pain will be less than 4/10 while performing home exercises.')).toEqual([]);
    expect(measure('Back pain since 4/10/2023, seen again on 5/10.')).toEqual([]);
    expect(measure('Strength 5/5 throughout, reflexes 2+ and symmetric.')).toEqual([]);
    expect(measure('No pain with range of motion.')).toEqual([]);
    expect(measure('He denies neck pain.')).toEqual([]);
  });

  it('caps a score above 10 and keeps what was written', () => {
    expect(measure('She describes the pain as 12/10.')[0]).toMatchObject({ value: 10, raw: 12 });
  });
});

describe('ODI and NDI', () => {
  it('reads the ODI as percent with its band', () => {
    expect(measure('ODI 42%.')[0]).toMatchObject({ kind: 'odi', value: 42, unit: 'percent', band: 'severe' });
    expect(measure('Oswestry Disability Index of 38 at intake.')[0]).toMatchObject({
      kind: 'odi',
      value: 38,
      band: 'moderate',
    });
    expect(measure('Oswestry score 18%.')[0]?.band).toBe('minimal');
  });

  it('doubles a raw NDI out of 50 and keeps the raw score', () => {
    expect(measure('NDI 18/50.')[0]).toMatchObject({ kind: 'ndi', value: 36, raw: 18, band: 'moderate' });
    expect(measure('Neck Disability Index 22 points.')[0]).toMatchObject({ value: 44, raw: 22 });
  });

  it('reads a percent NDI as is', () => {
    const [m] = measure('NDI 36%.');
    expect(m).toMatchObject({ kind: 'ndi', value: 36, band: 'moderate' });
    expect(m?.raw).toBeUndefined();
    expect(measure('Neck Disability Index 70%.')[0]?.band).toBe('complete');
  });

  it('ignores goals and impossible values', () => {
    expect(measure('Aim for ODI < 20 by discharge.')).toEqual([]);
    expect(measure('Goal: ODI 20% at 12 weeks.')).toEqual([]);
    expect(measure('NDI 80/50.')).toEqual([]);
  });

  it('never reads the vas deferens or a patient abbreviation as a scale', () => {
    expect(measure('The vas 2 cm proximal to the cord was identified.')).toEqual([]);
  });
});
