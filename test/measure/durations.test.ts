import { describe, expect, it } from 'vitest';
import { extractText } from '../helpers/extractor.js';
import { kv, measure } from './helpers.js';

const sym = (text: string, kind = 'hpi') =>
  measure(text, kind).filter((m) => m.kind === 'symptom_duration_weeks');
const cons = (text: string, kind = 'hpi', name: 'hpi' | 'plan' = 'hpi') =>
  measure(text, kind, name).filter((m) => m.kind === 'conservative_duration_weeks');

describe('symptom duration', () => {
  it('converts units to weeks, rounded to 0.1, and keeps what was written', () => {
    expect(sym('Low back pain for 3 months.')[0]).toMatchObject({
      value: 13,
      unit: 'weeks',
      raw: 3,
      rawUnit: 'months',
      span: { text: 'for 3 months' },
    });
    expect(sym('Right leg numbness for 10 days.')[0]).toMatchObject({ value: 1.4, rawUnit: 'days' });
    expect(sym('Neck pain for 2 years, worse lately.')[0]).toMatchObject({ value: 104.4, rawUnit: 'years' });
    expect(sym('Sciatica for 6 weeks.')[0]).toMatchObject({ value: 6, rawUnit: 'weeks' });
  });

  it('reads the usual clinic shorthand', () => {
    expect(sym('Neck pain x 2 months.')[0]).toMatchObject({ value: 8.7, span: { text: 'x 2 months' } });
    expect(sym('LBP x6 wks.')[0]).toMatchObject({ value: 6 });
    expect(sym('She has back pain since 6 weeks.')[0]).toMatchObject({
      value: 6,
      span: { text: 'since 6 weeks' },
    });
    expect(sym('Intermittent back pain over the past year.')[0]).toMatchObject({
      value: 52.2,
      span: { text: 'over the past year' },
    });
    expect(sym('He presents with a 10-day history of radiating leg pain.')[0]).toMatchObject({
      value: 1.4,
      span: { text: '10-day history' },
    });
    expect(sym('Three months of low back pain radiating to the left calf.')[0]).toMatchObject({
      value: 13,
      span: { text: 'Three months of low back pain' },
    });
    expect(sym('Tingling in both hands for the last 3 weeks.')[0]?.value).toBe(3);
  });

  it('reads the British weeks shorthand "6/52"', () => {
    expect(sym('L sided sciatica 6/52, no trauma.')[0]).toMatchObject({ value: 6, rawUnit: 'weeks' });
    expect(sym('Back pain x 2/52.')[0]).toMatchObject({ value: 2 });
    // A blood pressure is no duration.
    expect(sym('Back pain. BP 120/52.')).toEqual([]);
  });

  it('reads number words', () => {
    expect(sym('She has had numbness in the left foot for two months.')[0]).toMatchObject({
      value: 8.7,
      raw: 2,
    });
    expect(sym('Neck stiffness for six weeks.')[0]?.value).toBe(6);
    expect(sym('Back pain for a year and a half.')[0]).toMatchObject({ value: 78.3, raw: 1.5 });
    expect(sym('Radiating arm pain for one and a half years.')[0]).toMatchObject({ raw: 1.5 });
  });

  it('measures from an onset stated as "ago"', () => {
    expect(sym('Pain began 3 weeks ago after lifting a box.')[0]).toMatchObject({
      value: 3,
      span: { text: '3 weeks ago' },
    });
    expect(sym('Two weeks prior to presentation she developed leg weakness.')[0]?.value).toBe(2);
    expect(sym('MRI 2 months ago showed a disc protrusion.')).toEqual([]);
    expect(sym('He had pneumonia 10 days prior to the onset of back pain.')).toEqual([]);
  });

  it('keeps the lower end of a range', () => {
    expect(sym('Radicular pain for 4-6 weeks.')[0]).toMatchObject({ value: 4, raw: 4 });
  });

  it('needs a symptom: other durations are not symptom durations', () => {
    expect(sym('Diabetes for 10 years, on metformin.')).toEqual([]);
    expect(sym('He smoked for 20 years.')).toEqual([]);
    expect(sym('Intrauterine pregnancy at 39 weeks.')).toEqual([]);
  });

  it('is not how long another part of the body has hurt', () => {
    expect(sym('Right shoulder pain x 3 months, worse with overhead reaching.')).toEqual([]);
    expect(sym('History of left knee pain for 13 years.')).toEqual([]);
    expect(sym('Stress urinary incontinence for 25 years, unchanged.')).toEqual([]);
    // A spine site named with the other one keeps it.
    expect(kv(sym('A 4 month history of right neck and shoulder stiffness.'))).toEqual([
      'symptom_duration_weeks:17.4',
    ]);
    expect(kv(sym('Left knee pain for 10 weeks and low back pain for 2 weeks.'))).toEqual([
      'symptom_duration_weeks:2',
    ]);
  });

  it('ignores follow-up intervals, plans and hypotheticals', () => {
    expect(kv(measure('She has had low back pain for 3 months. RTC 6 weeks to reassess her pain.'))).toEqual([
      'symptom_duration_weeks:13',
    ]);
    expect(sym('Follow up in 4-6 weeks if the pain persists.')).toEqual([]);
    expect(sym('Return in 6 weeks for her back pain.')).toEqual([]);
    expect(sym('Recheck in 2 months; sooner if numbness worsens.')).toEqual([]);
    expect(sym('Her back pain should improve over the next 6 weeks.')).toEqual([]);
    expect(sym('Return if pain persists beyond 6 weeks.')).toEqual([]);
    expect(sym('Pain recurred 6 weeks after surgery.')).toEqual([]);
  });

  it('ignores negated and resolved symptoms and relatives', () => {
    expect(sym('He has been pain-free for 3 months.')).toEqual([]);
    expect(sym('No back pain for 2 years before this episode.')).toEqual([]);
    expect(sym('Symptoms have resolved over the last month.')).toEqual([]);
    expect(sym('His father had back pain for 10 years.')).toEqual([]);
  });

  it('is not confused by levels, sizes and sequences', () => {
    expect(sym('L5 radiculopathy for 3 months; 4 mm protrusion at L4-5 on 3T MRI.')).toHaveLength(1);
    expect(sym('T2 hyperintense signal at C5-6, neck pain for 5 months.')[0]?.value).toBe(21.7);
  });
});

describe('conservative treatment duration', () => {
  it('reads how long conservative care has been tried', () => {
    expect(cons('She completed 6 weeks of physical therapy without relief.')[0]).toMatchObject({
      value: 6,
      span: { text: '6 weeks of physical therapy' },
    });
    expect(cons('PT for the past 2 months with minimal benefit.')[0]).toMatchObject({
      value: 8.7,
      span: { text: 'for the past 2 months' },
    });
    expect(cons('Failed 8 weeks of conservative care.')[0]?.value).toBe(8);
    expect(cons('Has been taking naproxen daily for 3 weeks.')[0]?.value).toBe(3);
    expect(cons('Ibuprofen 600 mg TID for 2 weeks without relief.')[0]).toMatchObject({ value: 2, raw: 2 });
    expect(cons('Started gabapentin 3 weeks ago for radicular pain.')[0]?.value).toBe(3);
    expect(cons('No improvement after 6 weeks of conservative management.')[0]?.value).toBe(6);
  });

  it('separates the symptom duration from the treatment duration in one sentence', () => {
    expect(kv(measure('Back pain for 3 months despite 6 weeks of PT.'))).toEqual([
      'symptom_duration_weeks:13',
      'conservative_duration_weeks:6',
    ]);
    expect(kv(measure('LBP x 6 wks, failed NSAIDs x 4 wks.'))).toEqual([
      'symptom_duration_weeks:6',
      'conservative_duration_weeks:4',
    ]);
  });

  it('does not count treatment prescribed or planned today', () => {
    expect(cons('Start PT 2x/week for 6 weeks.', 'plan', 'plan')).toEqual([]);
    expect(cons('PT 2x/week for 6 weeks.', 'plan', 'plan')).toEqual([]);
    expect(cons('Will start physical therapy for 6 weeks for her back pain.')).toEqual([]);
    expect(cons('Continue PT for another 4 weeks.')).toEqual([]);
    expect(cons('Six weeks of physical therapy is recommended.')).toEqual([]);
    expect(cons('She had an ESI 2 months ago.')).toEqual([]);
  });

  it('does not read a prescription as treatment already tried', () => {
    const meds = (t: string) => cons(t, 'medications', 'hpi');
    expect(meds('Naproxen 500 mg twice a day with meals for 10 days.')).toEqual([]);
    expect(meds('Cyclobenzaprine 10 mg at bedtime for 2 weeks.')).toEqual([]);
    expect(meds('Gabapentin for 3 weeks, then reassess.')).toEqual([]);
    // A dose or dosing interval makes any line a prescription.
    expect(cons('Tramadol 50 mg every 6 hours as needed for 5 days.', 'other')).toEqual([]);
    expect(cons('Meloxicam 15 mg x 14 days.', 'other')).toEqual([]);
    expect(cons('Ketorolac q6h for 3 days, then stop.', 'other')).toEqual([]);
    // Unless the note says it was taken.
    expect(meds('Has been taking meloxicam 15 mg daily for 4 weeks.')[0]?.value).toBe(4);
    expect(cons('Took naproxen 500 mg BID for 3 weeks with no relief.', 'other')[0]?.value).toBe(3);
  });

  it('reads a treatment that an outcome shows was taken', () => {
    expect(cons('He was prescribed diclofenac for 3 weeks without improvement.')[0]?.value).toBe(3);
    expect(cons('Referred to PT for 6 weeks, which did not help.')[0]?.value).toBe(6);
    expect(
      cons('Will try gabapentin for 4 weeks and if no improvement consider ESI.', 'plan', 'plan'),
    ).toEqual([]);
  });

  it('reads the common shorthand and completion phrasings', () => {
    expect(cons('Ten weeks of PT completed, still symptomatic.')[0]?.value).toBe(10);
    expect(cons('Radicular pain persists after 4 months of conservative treatment.')[0]?.value).toBe(17.4);
    expect(sym('Neck symptoms x 5 wks.')[0]?.value).toBe(5);
    expect(measure('Leg pain since March, worse with standing.')).toEqual([]);
  });

  it('still reads a past treatment stated in the plan', () => {
    expect(cons('Has failed 8 weeks of PT; proceed with ESI.', 'plan', 'plan')[0]?.value).toBe(8);
  });

  it('does not take non-spine therapy or a patient abbreviation for conservative care', () => {
    expect(cons('Radiation therapy for 6 weeks in 2019.')).toEqual([]);
    expect(cons('On blood pressure medication for 10 years.')).toEqual([]);
    expect(kv(measure('Pt has had neck pain for 3 months.'))).toEqual(['symptom_duration_weeks:13']);
  });
});

describe('age', () => {
  it('reads the usual forms', () => {
    expect(measure('67-year-old man with neck pain.')[0]).toMatchObject({
      kind: 'age_years',
      value: 67,
      unit: 'years',
      span: { text: '67-year-old' },
    });
    expect(kv(measure('Pt is a 54 yo female.'))).toEqual(['age_years:54']);
    expect(kv(measure('Aged 71, retired carpenter.'))).toEqual(['age_years:71']);
    expect(kv(measure('Age: 45'))).toEqual(['age_years:45']);
    expect(kv(measure('The patient is 39 years old.'))).toEqual(['age_years:39']);
    expect(kv(measure('A sixty-two-year-old woman.'))).toEqual(['age_years:62']);
    expect(kv(measure('He is 80 years of age.'))).toEqual(['age_years:80']);
  });

  it('reads the age-and-sex shorthand', () => {
    expect(measure('58F with 2 months of neck pain.')[0]).toMatchObject({
      kind: 'age_years',
      value: 58,
      span: { text: '58F' },
    });
    expect(kv(measure('71M presenting with gait imbalance.'))).toEqual(['age_years:71']);
    expect(kv(measure('Pt is a 44 M, construction worker.'))).toEqual(['age_years:44']);
    expect(kv(measure('Patient: 39/F, right arm pain.'))).toEqual(['age_years:39']);
    expect(kv(measure('A 63 y/o woman with sciatica.'))).toEqual(['age_years:63']);
    expect(kv(measure('49-yo man, lifting injury.'))).toEqual(['age_years:49']);
    expect(kv(measure('82yoF, fall at home.'))).toEqual(['age_years:82']);
  });

  it('does not read temperatures or catheter sizes as the shorthand', () => {
    expect(measure('Temp 100F, pulse 92.')).toEqual([]);
    expect(measure('Temperature was 98.6F.')).toEqual([]);
    expect(measure('A 14 F Foley catheter was placed.')).toEqual([]);
    expect(measure('Size 12 F sheath.')).toEqual([]);
  });

  it('ignores relatives, past ages and the age of things', () => {
    expect(measure('Mother, 70, has osteoporosis.')).toEqual([]);
    expect(measure('His mother is 70 years old.')).toEqual([]);
    expect(measure('She lives with her 45-year-old daughter.')).toEqual([]);
    // A relative named right before the age, across the comma or parenthesis.
    expect(measure('Her brother, aged 62, had a lumbar fusion.')).toEqual([]);
    expect(measure('His mother (age 88) has severe osteoporosis.')).toEqual([]);
    expect(measure('Her husband, who is 74 years old, drives her.')).toEqual([]);
    expect(kv(measure('The patient, age 52, reports neck pain.'))).toEqual(['age_years:52']);
    expect(kv(measure('He is a 60-year-old man; his father, age 85, has stenosis.'))).toEqual([
      'age_years:60',
    ]);
    expect(measure('Diagnosed with scoliosis at age 12.')).toEqual([]);
    expect(measure('Migraines since she was 16 years old.')).toEqual([]);
    expect(measure('His wheelchair is greater than seven years old.')).toEqual([]);
  });

  it('keeps an age restated in the same document once', () => {
    expect(kv(measure('67-year-old male. HPI: This 67 yo man has neck pain.'))).toEqual(['age_years:67']);
  });
});

describe('durations from a start date', () => {
  const weeks = (text: string) =>
    extractText(`CLINIC NOTE\nDate of service: 06/15/2024\n${text}`)
      .measurements.filter((m) => m.kind.endsWith('_duration_weeks'))
      .map((m) => `${m.kind}:${m.value}`);

  it('measures "since <date>" up to the date of the note', () => {
    expect(weeks('HPI: Low back pain since March 1, 2024.')).toEqual(['symptom_duration_weeks:15.1']);
    expect(weeks('HPI: Neck pain since 03/01/2024, worse with rotation.')).toEqual([
      'symptom_duration_weeks:15.1',
    ]);
    // A month alone is its last occurrence, from its first day.
    expect(weeks('HPI: Low back pain since March.')).toEqual(['symptom_duration_weeks:15.1']);
    expect(weeks('HPI: Low back pain since December.')).toEqual(['symptom_duration_weeks:28.1']);
    expect(weeks('HPI: Doing physical therapy since May.')).toEqual(['conservative_duration_weeks:6.4']);
    // "late May" is from about the 25th.
    expect(weeks('HPI: Doing physical therapy since late May.')).toEqual(['conservative_duration_weeks:3']);
  });

  it('measures care started "on <date>" up to the note, and nothing else dated "on"', () => {
    expect(weeks('HPI: Low back pain. She started physical therapy on May 18 and is no better.')).toEqual([
      'conservative_duration_weeks:4',
    ]);
    expect(weeks('HPI: Low back pain. Began naproxen on 05/04/2024.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
    expect(weeks('HPI: Low back pain. Seen in urgent care on May 18 and given naproxen.')).toEqual([]);
  });

  it('measures a date right after the verb of a start ("PT started 4/2/24"), whatever follows it', () => {
    expect(weeks('HPI: Low back pain. PT started 05/04/2024, no better.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
    expect(weeks('HPI: Low back pain that began May 4, 2024 after lifting a box.')).toEqual([
      'symptom_duration_weeks:6',
    ]);
    // A count after the verb is no date.
    expect(weeks('HPI: Low back pain. She started 3 times a week.')).toEqual([]);
  });

  it('measures a symptom or care that began "in <month>" up to the note, and nothing else dated "in"', () => {
    expect(weeks('HPI: Pt reports back pain that began in early March, now better.')).toEqual([
      'symptom_duration_weeks:14.6',
    ]);
    expect(weeks('HPI: Low back pain. She started physical therapy in May.')).toEqual([
      'conservative_duration_weeks:6.4',
    ]);
    expect(weeks('HPI: Low back pain. Seen in urgent care in May and given naproxen.')).toEqual([]);
    expect(weeks('PLAN: Low back pain. She will start physical therapy in July.')).toEqual([]);
  });

  it('measures care between the two ends of a date range', () => {
    expect(
      weeks('HPI: Low back pain. Attended physical therapy from 3/1/2024 to 4/26/2024, no better.'),
    ).toEqual(['conservative_duration_weeks:8']);
    // A month and day: the other end shows they are dates; a month alone from its first day.
    expect(weeks('HPI: Low back pain. Meloxicam from 3/1 to 4/12 without relief.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
    expect(weeks('HPI: Back pain. She did PT from February through April.')).toEqual([
      'conservative_duration_weeks:8.6',
    ]);
    expect(weeks('HPI: Back pain. Chiropractic care between Jan 8 and Mar 4, 2024, no benefit.')).toEqual([
      'conservative_duration_weeks:8',
    ]);
    expect(weeks('HPI: Back pain. In physical therapy from 5/4/2024 to present.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
    // Two full dates need no lead word, as PT summaries write them.
    expect(weeks('Treatment dates: Physical therapy 04/01/2024 - 05/13/2024.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
  });

  it('reads dates written day first, as British and Australian notes write them', () => {
    expect(weeks('HPI: Low back pain since 3rd May.')).toEqual(['symptom_duration_weeks:6.1']);
    expect(weeks('HPI: Back pain. She started physiotherapy on 4 May 2024, no better.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
    expect(weeks('HPI: Back pain. Physiotherapy 1 Apr 2024 - 13 May 2024, symptoms unchanged.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
  });

  it('reads an ISO date, a holiday of fixed date and a start told as just after a date', () => {
    expect(weeks('HPI: Back pain. Physiotherapy twice a week since 2024-05-04, no better.')).toEqual([
      'conservative_duration_weeks:6',
    ]);
    expect(weeks('HPI: Low back pain since just after the new year.')).toEqual([
      'symptom_duration_weeks:23.7',
    ]);
    expect(weeks('HPI: Neck pain since shortly before May 4, 2024.')).toEqual(['symptom_duration_weeks:6']);
  });

  it('reads no range from two scores, a past episode of symptoms or an end after the note', () => {
    expect(weeks('HPI: Pain improved from 8/10 to 3/10 with physical therapy.')).toEqual([]);
    expect(weeks('Exam: Strength improved from 4/5 to 5/5 after PT.')).toEqual([]);
    expect(weeks('HPI: Had low back pain from 1/2/2023 to 3/1/2023 that resolved.')).toEqual([]);
    expect(weeks('PLAN: Physical therapy from 6/17/2024 to 7/29/2024.')).toEqual([]);
  });

  it('reads the length of a plan of care as no duration', () => {
    expect(weeks('Assessment: Mechanical low back pain, 2 weeks into a 6-8 week plan of care.')).toEqual([]);
  });

  it('leaves alone what it cannot date: no note date, an event, a month and day without a year', () => {
    expect(extractText('HPI: Low back pain since March 1, 2024.').measurements).toEqual([]);
    expect(weeks('HPI: Back pain since he fell in March.')).toEqual([]);
    expect(weeks('HPI: Back pain since 3/12.')).toEqual([]);
  });
});
