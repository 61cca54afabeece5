import { describe, expect, it } from 'vitest';
import { clinic, f, m, radiology } from '../case/builder.js';
import { recIds, run, warnCodes } from './helpers.js';

const severeMri = () =>
  radiology('mri-cervical.txt', 'mri', '2024-01-10', 'MRN 77')
    .say('history', 'Neck pain, rule out myelopathy.', [
      f('neck_pain', 'Neck pain'),
      f('myelopathy', 'myelopathy', { assertion: 'hypothetical' }),
    ])
    .say(
      'impression',
      'Severe multilevel spinal canal stenosis from C4-5 to C6-7 with cord flattening at C5-6.',
      [
        f('spinal_stenosis', 'Severe multilevel spinal canal stenosis', {
          severity: 'severe',
          levels: ['C4-C5', 'C5-C6', 'C6-C7'],
          multilevel: true,
        }),
        f('cord_compression', 'cord flattening at C5-6', { levels: ['C5-C6'] }),
      ],
    );

describe('imaging-only', () => {
  it('an MRI report alone: imaging-only, duration-unknown, never above conservative', () => {
    const mri = radiology('mri-lumbar.txt', 'mri', '2024-01-10')
      .say('history', 'Low back pain, failed physical therapy.', [
        f('back_pain', 'Low back pain'),
        f('physical_therapy', 'physical therapy'),
        f('treatment_failure', 'failed physical therapy'),
      ])
      .say(
        'impression',
        'Moderate multilevel degenerative disc disease with severe L4-5 central canal stenosis.',
        [
          f('degenerative_disc_disease', 'Moderate multilevel degenerative disc disease', {
            severity: 'moderate',
            multilevel: true,
          }),
          f('spinal_stenosis', 'severe L4-5 central canal stenosis', {
            severity: 'severe',
            levels: ['L4-L5'],
          }),
        ],
      )
      .build();
    const c = run([mri]);
    expect(c.triage).toBe('conservative');
    expect(warnCodes(c)).toEqual(expect.arrayContaining(['imaging-only', 'duration-unknown']));
    expect(c.caution).toMatch(/no clinic note/);
    const w = c.warnings.find((x) => x.code === 'imaging-only')!;
    expect(w.evidence.some((e) => e.concept === 'spinal_stenosis' && e.source === 'mri-lumbar.txt')).toBe(
      true,
    );
  });

  it('an indication stating 3 months of symptoms still does not make an imaging-only case second-line', () => {
    const mri = radiology('mri-lumbar.txt', 'mri', '2024-01-10')
      .say('history', 'Low back pain for 3 months.', [
        f('back_pain', 'Low back pain'),
        m('symptom_duration_weeks', 13, 'for 3 months'),
      ])
      .say('impression', 'Mild L4-5 disc bulge.', [
        f('disc_bulge', 'Mild L4-5 disc bulge', { levels: ['L4-L5'], severity: 'mild' }),
      ])
      .build();
    const c = run([mri]);
    expect(c.triage).toBe('conservative');
    expect(warnCodes(c)).toContain('imaging-only');
    expect(warnCodes(c)).not.toContain('duration-unknown');
  });
});

describe('imaging-clinical-discordance', () => {
  it('imaging looks bad, the patient is doing well', () => {
    const note = clinic('clinic.txt', '2024-01-20', 'MRN 77')
      .say('hpi', 'Occasional mild neck stiffness, doing well overall.', [
        f('neck_pain', 'mild neck stiffness', { severity: 'mild' }),
      ])
      .say('exam', 'Strength 5/5 throughout, reflexes 2+ and symmetric, Hoffmann negative, gait normal.', [
        f('motor_weakness', 'Strength 5/5', { assertion: 'absent' }),
        f('hyperreflexia', 'reflexes 2+ and symmetric', { assertion: 'absent' }),
        f('hoffmann_sign', 'Hoffmann negative', { assertion: 'absent' }),
        f('gait_disturbance', 'gait normal', { assertion: 'absent' }),
      ])
      .build();
    const c = run([severeMri().build(), note]);
    expect(c.triage).toBe('conservative');
    expect(warnCodes(c)).toContain('imaging-clinical-discordance');
    expect(warnCodes(c)).not.toContain('imaging-only');
    expect(recIds(c)).not.toContain('surgical-evaluation');
    expect(c.caution).toMatch(/worse than the patient/);
  });

  it('no discordance when the signs match the imaging', () => {
    const note = clinic('clinic.txt', '2024-01-20', 'MRN 77')
      .say('exam', 'Positive Hoffmann sign bilaterally with a broad-based gait.', [
        f('hoffmann_sign', 'Positive Hoffmann sign'),
        f('gait_disturbance', 'broad-based gait'),
      ])
      .say('hpi', 'Neck pain and hand numbness for 4 months, getting worse.', [
        f('neck_pain', 'Neck pain'),
        f('sensory_deficit', 'hand numbness'),
        m('symptom_duration_weeks', 17.4, 'for 4 months'),
      ])
      .build();
    const c = run([severeMri().build(), note]);
    expect(warnCodes(c)).not.toContain('imaging-clinical-discordance');
  });
});

describe('conflicting-facts', () => {
  const first = () =>
    clinic('visit-1.txt', '2024-01-05')
      .say('hpi', 'Low back pain with left leg sciatica for 2 weeks.', [
        f('back_pain', 'Low back pain'),
        f('radiculopathy', 'left leg sciatica'),
        m('symptom_duration_weeks', 2, 'for 2 weeks'),
      ])
      .build();
  const second = (date: string) =>
    clinic('visit-2.txt', date)
      .say('hpi', 'Back pain continues after 8 weeks of physical therapy; no radicular symptoms.', [
        f('back_pain', 'Back pain'),
        f('physical_therapy', 'physical therapy'),
        m('conservative_duration_weeks', 8, '8 weeks of physical therapy'),
        f('radiculopathy', 'radicular symptoms', { assertion: 'absent' }),
      ])
      .build();

  it('present then absent: warning, the later note wins, no epidural injection', () => {
    const c = run([second('2024-03-01'), first()]);
    expect(c.sources).toEqual(['visit-1.txt', 'visit-2.txt']);
    expect(warnCodes(c)).toContain('conflicting-facts');
    const radic = c.facts.findings.find((x) => x.concept === 'radiculopathy')!;
    expect(radic.assertion).toBe('absent');
    expect(radic.conflict).toBe(true);
    expect(c.facts.conflicts[0]).toMatchObject({ concept: 'radiculopathy', preferred: 'absent' });
    expect(c.triage).toBe('second-line');
    expect(recIds(c)).not.toContain('epidural-steroid-injection');
    const w = c.warnings.find((x) => x.code === 'conflicting-facts')!;
    expect(w.evidence.map((e) => e.source).sort()).toEqual(['visit-1.txt', 'visit-2.txt']);
  });

  it('absent earlier, present later: the finding stands', () => {
    const c = run([
      clinic('visit-0.txt', '2023-12-01')
        .say('hpi', 'Axial back pain, no radicular symptoms.', [
          f('back_pain', 'Axial back pain'),
          f('radiculopathy', 'radicular symptoms', { assertion: 'absent' }),
        ])
        .build(),
      first(),
    ]);
    expect(warnCodes(c)).toContain('conflicting-facts');
    expect(c.facts.findings.find((x) => x.concept === 'radiculopathy')!.assertion).toBe('present');
  });

  it('different levels, or a historical mention, are not a conflict', () => {
    const mri1 = radiology('mri-1.txt', 'mri', '2023-01-01')
      .say('impression', 'L4-5 disc herniation.', [
        f('disc_herniation', 'L4-5 disc herniation', { levels: ['L4-L5'] }),
      ])
      .build();
    const mri2 = radiology('mri-2.txt', 'mri', '2024-01-01')
      .say('impression', 'No disc herniation at L2-3.', [
        f('disc_herniation', 'disc herniation at L2-3', { levels: ['L2-L3'], assertion: 'absent' }),
      ])
      .build();
    const c = run([mri1, mri2]);
    expect(warnCodes(c)).not.toContain('conflicting-facts');
    expect(c.facts.findings.find((x) => x.concept === 'disc_herniation')!.assertion).toBe('present');
  });
});

describe('duration-unknown and durations', () => {
  it('no duration anywhere', () => {
    const note = clinic('visit.txt', '2024-01-01')
      .say('hpi', 'Low back pain, taking ibuprofen.', [
        f('back_pain', 'Low back pain'),
        f('analgesic_therapy', 'ibuprofen'),
      ])
      .build();
    const c = run([note]);
    expect(warnCodes(c)).toContain('duration-unknown');
    expect(c.triage).toBe('conservative');
  });

  it('a stated duration is carried forward to a later note that still reports the problem', () => {
    const a = clinic('a.txt', '2024-01-01')
      .say('hpi', 'Low back pain for 4 weeks.', [
        f('back_pain', 'Low back pain'),
        m('symptom_duration_weeks', 4, 'for 4 weeks'),
      ])
      .build();
    const b = clinic('b.txt', '2024-01-29')
      .say('hpi', 'Low back pain unchanged on naproxen.', [
        f('back_pain', 'Low back pain'),
        f('analgesic_therapy', 'naproxen'),
      ])
      .build();
    const c = run([a, b]);
    expect(c.facts.durations.symptom).toMatchObject({ weeks: 8, basis: 'projected' });
    expect(c.facts.durations.effectiveWeeks).toBe(8);
    expect(c.triage).toBe('second-line');
  });

  it('treatment started at one visit and still in use at a later one gives a duration from the dates', () => {
    const a = clinic('a.txt', '2024-01-01')
      .say('hpi', 'Low back pain.', [f('back_pain', 'Low back pain')])
      .say('plan', 'Start physical therapy.', [f('physical_therapy', 'physical therapy')])
      .build();
    const b = clinic('b.txt', '2024-02-26')
      .say('hpi', 'Attending physical therapy twice weekly; back pain no better.', [
        f('physical_therapy', 'physical therapy'),
        f('back_pain', 'back pain'),
      ])
      .build();
    const c = run([a, b]);
    expect(c.facts.durations.conservative).toMatchObject({ weeks: 8, basis: 'inferred' });
    expect(warnCodes(c)).not.toContain('duration-unknown');
    expect(c.triage).toBe('second-line');
  });

  it('a standing prescription from before the problem does not start the treatment clock', () => {
    const a = clinic('a.txt', '2024-01-01')
      .say('hpi', 'Knee osteoarthritis, takes ibuprofen daily.', [f('analgesic_therapy', 'ibuprofen')])
      .build();
    const b = clinic('b.txt', '2024-03-25')
      .say('hpi', 'New low back pain, still taking ibuprofen, not improving.', [
        f('back_pain', 'low back pain'),
        f('analgesic_therapy', 'ibuprofen'),
      ])
      .build();
    const c = run([a, b]);
    expect(c.facts.durations.conservative).toBeNull();
    expect(c.triage).toBe('conservative');
  });

  it('an inferred treatment duration never exceeds the symptom duration', () => {
    const a = clinic('a.txt', '2024-01-01')
      .say('hpi', 'Chronic back pain managed with ibuprofen.', [
        f('back_pain', 'back pain'),
        f('analgesic_therapy', 'ibuprofen'),
      ])
      .build();
    const b = clinic('b.txt', '2024-03-25')
      .say('hpi', 'Flare of back pain for 2 weeks, continues ibuprofen.', [
        f('back_pain', 'back pain'),
        m('symptom_duration_weeks', 2, 'for 2 weeks'),
        f('analgesic_therapy', 'ibuprofen'),
      ])
      .build();
    const c = run([a, b]);
    expect(c.facts.durations.conservative).toBeNull();
    expect(c.facts.durations.effectiveWeeks).toBe(2);
  });
});

describe('course from hard-wrapped notes', () => {
  it('a sentence broken across lines is read whole', () => {
    const note = clinic('visit.txt', '2024-03-01')
      .say('hpi', 'Sciatica for 10 weeks. Despite physical therapy she has not\nimproved at all.', [
        f('radiculopathy', 'Sciatica'),
        m('symptom_duration_weeks', 10, 'for 10 weeks'),
        f('physical_therapy', 'physical therapy'),
      ])
      .build();
    const c = run([note]);
    expect(c.facts.course.status).toBe('not-improving');
    expect(c.triage).toBe('second-line');
  });
});
