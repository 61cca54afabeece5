import { describe, expect, it } from 'vitest';
import { clinic, f, m, radiology, withoutText } from '../case/builder.js';
import { recIds, run, warnCodes } from './helpers.js';

const SECOND_LINE = [
  'mri-without-contrast',
  'ct-if-mri-contraindicated',
  'oral-corticosteroids-short-course',
  'epidural-steroid-injection',
];

const xrayHeightLoss = () =>
  radiology('xr-lumbar.txt', 'xray', '2024-02-01')
    .say('history', 'Low back pain.', [f('back_pain', 'Low back pain')])
    .say(
      'impression',
      'Multilevel lumbar spondylosis. Mild loss of height of the L2 vertebral body, chronic appearing.',
      [
        f('spondylosis', 'Multilevel lumbar spondylosis', { multilevel: true }),
        f('vertebral_height_loss', 'Mild loss of height of the L2 vertebral body', {
          levels: ['L2'],
          severity: 'mild',
        }),
      ],
    )
    .build();

describe('conservative', () => {
  it('three weeks of back pain with height loss: first-line care, no manipulation, nothing second-line', () => {
    const note = clinic('visit.txt', '2024-02-03')
      .say('hpi', 'Low back pain for 3 weeks after lifting boxes, no leg symptoms.', [
        f('back_pain', 'Low back pain'),
        m('symptom_duration_weeks', 3, 'for 3 weeks'),
        f('radiculopathy', 'leg symptoms', { assertion: 'absent' }),
      ])
      .say('plan', 'Start physical therapy and naproxen.', [
        f('physical_therapy', 'physical therapy'),
        f('analgesic_therapy', 'naproxen'),
      ])
      .build();
    const c = run([note, xrayHeightLoss()]);
    expect(c.triage).toBe('conservative');
    expect(recIds(c)).toEqual(
      expect.arrayContaining([
        'conservative-first-line',
        'physical-therapy',
        'pain-management',
        'activity-modification',
        'avoid-bed-rest',
        'follow-up-4-6-weeks',
        'avoid-aggressive-manipulation',
      ]),
    );
    for (const id of [...SECOND_LINE, 'surgical-evaluation', 'urgent-evaluation'])
      expect(recIds(c)).not.toContain(id);
    expect(warnCodes(c)).not.toContain('imaging-only');
    expect(warnCodes(c)).not.toContain('duration-unknown');
    const manip = c.recommendations.find((r) => r.id === 'avoid-aggressive-manipulation')!;
    expect(manip.evidence[0]).toMatchObject({ concept: 'vertebral_height_loss', source: 'xr-lumbar.txt' });
    expect(manip.because.join(' ')).toContain('Mild loss of height of the L2 vertebral body');
    expect(c.caution).toMatch(/imaging/i);
  });

  it('five weeks without improvement is still conservative', () => {
    const note = clinic('visit.txt', '2024-02-03')
      .say('hpi', 'Completed 5 weeks of physical therapy with no improvement in his back pain.', [
        f('physical_therapy', 'physical therapy'),
        m('conservative_duration_weeks', 5, '5 weeks of physical therapy'),
        f('back_pain', 'back pain'),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('conservative');
    expect(c.facts.course.status).toBe('not-improving');
  });
});

describe('second-line', () => {
  const radicularSixWeeks = () =>
    clinic('followup.txt', '2024-03-15', 'MRN 4471')
      .say(
        'hpi',
        'Left L5 radicular pain persists after completing 6 weeks of physical therapy and ibuprofen.',
        [
          f('radiculopathy', 'radicular pain', { levels: ['L5'] }),
          f('physical_therapy', 'physical therapy'),
          f('analgesic_therapy', 'ibuprofen'),
          m('conservative_duration_weeks', 6, '6 weeks of physical therapy'),
        ],
      )
      .say('assessment', 'Lumbar radiculopathy, not improving.', [
        f('radiculopathy', 'Lumbar radiculopathy'),
      ]);

  it('exactly six weeks without improvement, radicular: MRI, steroids, epidural injection', () => {
    const c = run([radicularSixWeeks().build(), xrayHeightLoss()]);
    expect(c.triage).toBe('second-line');
    expect(recIds(c)).toEqual(
      expect.arrayContaining([
        'mri-without-contrast',
        'oral-corticosteroids-short-course',
        'epidural-steroid-injection',
      ]),
    );
    expect(recIds(c)).not.toContain('ct-if-mri-contraindicated');
    expect(recIds(c)).not.toContain('surgical-evaluation');
    expect(recIds(c)).not.toContain('conservative-first-line');
    const why = c.why[0]!;
    expect(why.rule).toBe('second-line.no-improvement');
    expect(why.evidence.some((e) => e.kind === 'conservative_duration_weeks' && e.value === 6)).toBe(true);
  });

  it('the same case with an 8-week rule in the config stays conservative', () => {
    const c = run([radicularSixWeeks().build()], { conservativeWeeks: 8 });
    expect(c.triage).toBe('conservative');
    expect(c.recommendations.find((r) => r.id === 'conservative-first-line')!.text).toContain('8 weeks');
  });

  it('an MRI already done: no MRI recommendation', () => {
    const mri = radiology('mri.txt', 'mri', '2024-03-20')
      .say('impression', 'L4-5 left paracentral extrusion compressing the traversing left L5 nerve root.', [
        f('disc_herniation', 'left paracentral extrusion', { levels: ['L4-L5'] }),
        f('nerve_root_compression', 'compressing the traversing left L5 nerve root', {
          levels: ['L4-L5', 'L5'],
        }),
      ])
      .build();
    const c = run([radicularSixWeeks().build(), mri]);
    expect(c.triage).toBe('second-line');
    expect(recIds(c)).not.toContain('mri-without-contrast');
    expect(recIds(c)).toContain('epidural-steroid-injection');
  });

  it('axial pain with a pacemaker: CT instead of MRI, no epidural injection', () => {
    const note = clinic('visit.txt', '2024-04-01')
      .say('hpi', 'Axial low back pain for 10 weeks without radiation, unchanged despite physical therapy.', [
        f('back_pain', 'Axial low back pain'),
        m('symptom_duration_weeks', 10, 'for 10 weeks'),
        f('radiculopathy', 'radiation', { assertion: 'absent' }),
        f('physical_therapy', 'physical therapy'),
      ])
      .say('history', 'Dual-chamber pacemaker, not MRI conditional.', [
        f('mri_contraindication', 'Dual-chamber pacemaker'),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('second-line');
    expect(recIds(c)).toContain('ct-if-mri-contraindicated');
    expect(recIds(c)).toContain('oral-corticosteroids-short-course');
    expect(recIds(c)).not.toContain('mri-without-contrast');
    expect(recIds(c)).not.toContain('epidural-steroid-injection');
  });

  it('improving after eight weeks stays conservative', () => {
    const note = clinic('visit.txt', '2024-04-01')
      .say('hpi', 'Sciatica is much improved after 8 weeks of physical therapy.', [
        f('radiculopathy', 'Sciatica'),
        f('physical_therapy', 'physical therapy'),
        m('conservative_duration_weeks', 8, '8 weeks of physical therapy'),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('conservative');
    expect(c.facts.course.status).toBe('improving');
  });
});

describe('surgical-review', () => {
  it('no improvement after an epidural injection and 12 weeks of care', () => {
    const note = clinic('visit.txt', '2024-05-01')
      .say('hpi', 'Right S1 radiculopathy with no improvement after 12 weeks of physical therapy.', [
        f('radiculopathy', 'Right S1 radiculopathy', { levels: ['S1'] }),
        f('physical_therapy', 'physical therapy'),
        m('conservative_duration_weeks', 12, '12 weeks of physical therapy'),
      ])
      .say('hpi', 'He underwent an L5-S1 epidural steroid injection in April without relief.', [
        f('epidural_steroid_injection', 'epidural steroid injection', { levels: ['L5-S1'] }),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('surgical-review');
    expect(c.why[0]!.rule).toBe('surgical.failed-after-second-line');
    expect(recIds(c)).toContain('surgical-evaluation');
    expect(recIds(c)).not.toContain('epidural-steroid-injection');
    expect(c.facts.treatments.find((t) => t.concept === 'epidural_steroid_injection')).toMatchObject({
      status: 'tried',
      helped: false,
    });
  });

  it('an injection only referred for does not count as tried', () => {
    const note = clinic('visit.txt', '2024-05-01')
      .say('hpi', 'Right S1 radiculopathy with no improvement after 12 weeks of physical therapy.', [
        f('radiculopathy', 'Right S1 radiculopathy', { levels: ['S1'] }),
        f('physical_therapy', 'physical therapy'),
        m('conservative_duration_weeks', 12, '12 weeks of physical therapy'),
      ])
      .say('plan', 'Referred to pain management for an L5-S1 epidural steroid injection.', [
        f('epidural_steroid_injection', 'epidural steroid injection', { levels: ['L5-S1'] }),
      ])
      .build();
    expect(run([note]).triage).toBe('second-line');
  });

  it('a steroid only on the medication list (chronic prednisone) is not a second-line trial', () => {
    const note = clinic('visit.txt', '2024-05-01')
      .say('hpi', 'Back pain with no improvement after 10 weeks of physical therapy.', [
        f('back_pain', 'Back pain'),
        f('physical_therapy', 'physical therapy'),
        m('conservative_duration_weeks', 10, '10 weeks of physical therapy'),
      ])
      .say('medications', 'Prednisone 5 mg daily for rheumatoid arthritis.', [
        f('oral_corticosteroids', 'Prednisone'),
      ])
      .build();
    const c = run([note]);
    expect(c.facts.treatments.find((t) => t.concept === 'oral_corticosteroids')).toMatchObject({
      listedOnly: true,
    });
    expect(c.triage).toBe('second-line');
  });

  it('a note saying conservative management failed after 6 weeks or more', () => {
    const note = clinic('visit.txt', '2024-05-01')
      .say('assessment', 'Neurogenic claudication; she has failed conservative management over 4 months.', [
        f('back_pain', 'Neurogenic claudication'),
        f('treatment_failure', 'failed conservative management'),
        m('conservative_duration_weeks', 17.4, 'over 4 months'),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('surgical-review');
    expect(c.why.map((w) => w.rule)).toContain('surgical.failed-conservative-stated');
  });

  it('mJOA exactly 12: surgical review and the boundary warning; 13 is not severe', () => {
    const mk = (score: number) =>
      clinic('spine-clinic.txt', '2024-06-01')
        .say('exam', `Hoffmann sign positive bilaterally, mJOA ${score}/18.`, [
          f('hoffmann_sign', 'Hoffmann sign positive'),
          m('mjoa', score, `mJOA ${score}/18`, 18),
        ])
        .say('assessment', 'Cervical spondylotic myelopathy.', [
          f('myelopathy', 'Cervical spondylotic myelopathy'),
        ])
        .build();
    const at12 = run([mk(12)]);
    expect(at12.triage).toBe('surgical-review');
    expect(warnCodes(at12)).toContain('mjoa-threshold-boundary');
    expect(recIds(at12)).toContain('surgical-evaluation');
    const at13 = run([mk(13)]);
    expect(at13.triage).not.toBe('surgical-review');
    expect(warnCodes(at13)).not.toContain('mjoa-threshold-boundary');
    // the threshold is configurable; the boundary warning is about the score itself
    const strict = run([mk(12)], { mjoaThreshold: 11 });
    expect(strict.triage).not.toBe('surgical-review');
    expect(warnCodes(strict)).toContain('mjoa-threshold-boundary');
  });

  it('an mJOA that falls by 2 points between visits is progressive myelopathy; by 1 it is not', () => {
    const visit = (source: string, date: string, score: number) =>
      clinic(source, date)
        .say('exam', `Hoffmann sign positive, mJOA ${score}/18.`, [
          f('hoffmann_sign', 'Hoffmann sign positive'),
          m('mjoa', score, `mJOA ${score}/18`, 18),
        ])
        .build();
    const fell = run([visit('v1.txt', '2024-01-10', 16), visit('v2.txt', '2024-04-10', 14)]);
    expect(fell.triage).toBe('surgical-review');
    expect(fell.why.map((w) => w.rule)).toContain('surgical.mjoa-decline');
    expect(fell.why.find((w) => w.rule === 'surgical.mjoa-decline')?.evidence).toHaveLength(2);
    expect(run([visit('v1.txt', '2024-01-10', 16), visit('v2.txt', '2024-04-10', 15)]).triage).not.toBe(
      'surgical-review',
    );
    // Improving is no decline, whatever the file order.
    expect(run([visit('v2.txt', '2024-04-10', 16), visit('v1.txt', '2024-01-10', 14)]).triage).not.toBe(
      'surgical-review',
    );
    expect(
      run([visit('v1.txt', '2024-01-10', 16), visit('v2.txt', '2024-04-10', 15)], { mjoaDecline: 1 }).triage,
    ).toBe('surgical-review');
    // Undated, or stated in one note ("16 then, 13 now"): the order of visits is not known, so no decline.
    const undated = (source: string, score: number) =>
      clinic(source, null)
        .say('exam', `mJOA ${score}/18.`, [m('mjoa', score, `mJOA ${score}/18`, 18)])
        .build();
    expect(
      run([undated('a.txt', 16), visit('v2.txt', '2024-04-10', 13)]).why.map((w) => w.rule),
    ).not.toContain('surgical.mjoa-decline');
    const oneNote = clinic('v.txt', '2024-04-10')
      .say('exam', 'mJOA 16/18 today; preoperative mJOA 12/18.', [
        m('mjoa', 16, 'mJOA 16/18', 18),
        m('mjoa', 12, 'mJOA 12/18', 18),
      ])
      .build();
    expect(run([oneNote]).why.map((w) => w.rule)).not.toContain('surgical.mjoa-decline');
  });

  it('instability raises triage even from imaging alone', () => {
    const xr = radiology('flex-ext.txt', 'xray', '2024-06-01')
      .say('impression', 'Dynamic instability at L4-5 with 5 mm translation on flexion.', [
        f('instability', 'Dynamic instability', { levels: ['L4-L5'] }),
      ])
      .build();
    const c = run([xr]);
    expect(c.triage).toBe('surgical-review');
    expect(warnCodes(c)).toContain('imaging-only');
  });
});

describe('urgent', () => {
  const lbp = () =>
    clinic('ed-note.txt', '2024-07-01').say('hpi', 'Low back pain for 2 weeks.', [
      f('back_pain', 'Low back pain'),
      m('symptom_duration_weeks', 2, 'for 2 weeks'),
    ]);

  it('saddle anesthesia present is urgent; only in return precautions it is not', () => {
    const present = lbp()
      .say('hpi', 'She reports numbness in the saddle region since yesterday.', [
        f('saddle_anesthesia', 'numbness in the saddle region'),
      ])
      .build();
    const c = run([present]);
    expect(c.triage).toBe('urgent');
    expect(recIds(c)).toEqual(expect.arrayContaining(['urgent-evaluation', 'surgical-evaluation']));
    expect(recIds(c)).not.toContain('conservative-first-line');

    const hypothetical = lbp()
      .say('plan', 'Return to the ED if saddle numbness or urinary retention develops.', [
        f('saddle_anesthesia', 'saddle numbness', { assertion: 'hypothetical' }),
        f('bowel_bladder_dysfunction', 'urinary retention', { assertion: 'hypothetical' }),
      ])
      .build();
    expect(run([hypothetical]).triage).toBe('conservative');
  });

  it('possible discitis counts; family history of cancer does not', () => {
    const mri = radiology('mri.txt', 'mri', '2024-07-02')
      .say('impression', 'Findings suspicious for L3-4 discitis-osteomyelitis.', [
        f('suspected_infection', 'discitis-osteomyelitis', { assertion: 'possible', levels: ['L3-L4'] }),
      ])
      .build();
    expect(run([lbp().build(), mri]).triage).toBe('urgent');

    const family = lbp()
      .say('history', 'Mother had breast cancer.', [
        f('cancer_history', 'breast cancer', { assertion: 'family' }),
      ])
      .build();
    const c = run([family]);
    expect(c.triage).toBe('conservative');
    expect(recIds(c)).not.toContain('urgent-evaluation');
  });

  it('cancer history with unexplained weight loss is urgent', () => {
    const note = lbp()
      .say('hpi', 'History of prostate cancer; 12 lb unintentional weight loss.', [
        f('cancer_history', 'prostate cancer'),
        f('unexplained_weight_loss', 'unintentional weight loss'),
      ])
      .build();
    expect(run([note]).triage).toBe('urgent');
  });

  it('urinary incontinence in the past history list is not a red flag; new in the HPI it is', () => {
    const pmh = lbp()
      .say('history', 'Stress urinary incontinence.', [
        f('bowel_bladder_dysfunction', 'Stress urinary incontinence'),
      ])
      .build();
    expect(run([pmh]).triage).toBe('conservative');
    const hpi = lbp()
      .say('hpi', 'New urinary incontinence since this morning.', [
        f('bowel_bladder_dysfunction', 'urinary incontinence'),
      ])
      .build();
    expect(run([hpi]).triage).toBe('urgent');
  });

  it('a fracture with retropulsion, or with cord compression at its level, is urgent', () => {
    const retro = radiology('ct.txt', 'ct', '2024-07-03')
      .say('impression', 'Acute L1 compression fracture with 4 mm retropulsion.', [
        f('compression_fracture', 'Acute L1 compression fracture', { levels: ['L1'] }),
        f('retropulsion', 'retropulsion', { levels: ['L1'] }),
      ])
      .build();
    const c = run([lbp().build(), retro]);
    expect(c.triage).toBe('urgent');
    expect(recIds(c)).toContain('avoid-aggressive-manipulation');

    const colocated = radiology('mri.txt', 'mri', '2024-07-03')
      .say('impression', 'T12 compression fracture with cord compression at T12-L1.', [
        f('compression_fracture', 'T12 compression fracture', { levels: ['T12'] }),
        f('cord_compression', 'cord compression at T12-L1', { levels: ['T12-L1'] }),
      ])
      .build();
    expect(run([lbp().build(), colocated]).triage).toBe('urgent');

    const elsewhere = radiology('mri.txt', 'mri', '2024-07-03')
      .say('impression', 'Chronic L3 compression fracture. Cord compression at C5-6.', [
        f('compression_fracture', 'Chronic L3 compression fracture', { levels: ['L3'] }),
        f('cord_compression', 'Cord compression at C5-6', { levels: ['C5-C6'] }),
      ])
      .build();
    expect(run([lbp().build(), elsewhere]).triage).toBe('conservative');
  });

  it('height loss with neural compromise is urgent at its very level, not at the disc next to it', () => {
    // Mild degenerative wedging of C6 and a disc-osteophyte complex compressing the cord at C5-6: spondylosis.
    const spondylosis = radiology('mri.txt', 'mri', '2024-07-03')
      .say('findings', 'Vertebral body heights are preserved except mild anterior height loss of C6.', [
        f('vertebral_height_loss', 'mild anterior height loss of C6', { levels: ['C6'], severity: 'mild' }),
      ])
      .say('findings', 'C5-6: disc osteophyte complex with severe canal stenosis and cord compression.', [
        f('spinal_stenosis', 'severe canal stenosis', { levels: ['C5-C6'], severity: 'severe' }),
        f('cord_compression', 'cord compression', { levels: ['C5-C6'] }),
      ])
      .build();
    expect(run([spondylosis]).triage).toBe('conservative');

    const collapse = radiology('mri.txt', 'mri', '2024-07-03')
      .say('impression', 'Severe height loss of T8 with compression of the spinal cord at T8.', [
        f('vertebral_height_loss', 'Severe height loss of T8', { levels: ['T8'], severity: 'severe' }),
        f('cord_compression', 'compression of the spinal cord at T8', { levels: ['T8'] }),
      ])
      .build();
    const c = run([lbp().build(), collapse]);
    expect(c.triage).toBe('urgent');
    expect(c.why.map((w) => w.rule)).toContain('redflag.collapse-neural-compromise');
  });

  it('a progressive deficit is urgent even though it is myelopathy', () => {
    const note = clinic('visit.txt', '2024-07-01')
      .say('hpi', 'Progressive myelopathy with worsening hand weakness over 3 weeks.', [
        f('myelopathy', 'Progressive myelopathy'),
        f('progressive_deficit', 'worsening hand weakness'),
        m('symptom_duration_weeks', 3, 'over 3 weeks'),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('urgent');
  });
});

describe('insufficient data', () => {
  it('osteophytes on a knee radiograph are not a spine finding', () => {
    const note = clinic('knee-visit.txt', '2024-01-01')
      .say('hpi', 'Right knee pain for 6 months, ibuprofen helps.', [f('analgesic_therapy', 'ibuprofen')])
      .build();
    const knee = radiology('xr-knee.txt', 'xray', '2024-01-01')
      .say('findings', 'Medial joint space narrowing with marginal osteophytes.', [
        f('spondylosis', 'marginal osteophytes'),
      ])
      .build();
    const c = run([note, knee]);
    expect(c.facts.nonSpineStudies).toEqual(['xr-knee.txt']);
    expect(c.triage).toBe('insufficient-data');
    // the same finding in a report that names the spine counts
    const spine = radiology('xr-spine.txt', 'xray', '2024-01-01')
      .say('findings', 'Lumbar spine: marginal osteophytes.', [f('spondylosis', 'marginal osteophytes')])
      .build();
    expect(run([note, spine]).triage).toBe('conservative');
  });

  it('no spine finding at all', () => {
    const note = clinic('visit.txt', '2024-01-01')
      .say('hpi', 'Follow-up of hypertension; taking ibuprofen for knee pain.', [
        f('analgesic_therapy', 'ibuprofen'),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('insufficient-data');
    expect(c.recommendations).toEqual([]);
    expect(warnCodes(c)).not.toContain('duration-unknown');
  });

  it('failed care of another joint escalates nothing', () => {
    const note = clinic('knee-visit.txt', '2024-04-15')
      .say('hpi', 'Left knee pain for 4 months. 8 weeks of PT with no improvement.', [
        f('physical_therapy', 'PT'),
        f('treatment_failure', 'no improvement'),
        m('conservative_duration_weeks', 8, '8 weeks of PT'),
      ])
      .say('assessment', 'Knee osteoarthritis, failed conservative management.', [
        f('treatment_failure', 'failed conservative management'),
      ])
      .build();
    const c = run([note]);
    expect(c.triage).toBe('insufficient-data');
    expect(c.why[0]!.rule).toBe('insufficient.no-spine-finding');
  });
});

describe('resolved problems', () => {
  it('back pain that a later note calls resolved still makes a spine case (conservative)', () => {
    const a = clinic('a.txt', '2024-08-12')
      .say('hpi', 'Low back pain for 2 days after soccer.', [
        f('back_pain', 'Low back pain'),
        m('symptom_duration_weeks', 0.3, 'for 2 days'),
      ])
      .build();
    const b = clinic('b.txt', '2024-08-26')
      .say('hpi', 'Back pain resolved.', [f('back_pain', 'Back pain', { assertion: 'absent' })])
      .build();
    const c = run([a, b]);
    expect(c.facts.findings.find((x) => x.concept === 'back_pain')!.assertion).toBe('absent');
    expect(c.triage).toBe('conservative');
  });
});

describe('without document text', () => {
  it('reads the course from mention sentences alone', () => {
    const note = clinic('followup.txt', '2024-03-15')
      .say('hpi', 'Left L5 radicular pain persists after 6 weeks of physical therapy.', [
        f('radiculopathy', 'radicular pain', { levels: ['L5'] }),
        f('physical_therapy', 'physical therapy'),
        m('conservative_duration_weeks', 6, '6 weeks of physical therapy'),
      ])
      .build();
    const c = run([withoutText(note)]);
    expect(c.facts.course.status).toBe('not-improving');
    expect(c.triage).toBe('second-line');
  });
});
