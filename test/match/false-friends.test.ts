/**
 * Words that look like a finding but name something else: a department is not an operation, and an exam
 * manoeuvre's name is not a misspelt imaging finding.
 */
import { describe, expect, it } from 'vitest';
import { extractText, findingKeys } from '../helpers/extractor.js';

describe('false friends of spine concepts', () => {
  it('reads a surgical department as no operation', () => {
    const r = extractText(
      'Reason for visit: Referred by vascular surgery for neck pain.\nShe follows with plastic surgery for a facial scar.\n',
    );
    expect(findingKeys(r)).toEqual(['neck_pain/present']);
    const clinic = extractText(
      'ORTHOPEDIC SURGERY - JOINT REPLACEMENT CLINIC\nHand Surgery Clinic follow-up.\nThe orthopaedic surgery team was consulted for low back pain.\n',
    );
    expect(findingKeys(clinic)).toEqual(['back_pain/present']);
    // An operation on the spine is still one.
    const spine = extractText('HPI: Seen by the spine surgery team after an L4-5 fusion.\n');
    expect(spine.findings.map((f) => f.concept)).toContain('spine_surgery');
  });

  it('reads a spine surgery clinic or team named as a place as no operation', () => {
    const r = extractText('SPINE SURGERY CLINIC\nFollow-up visit.\nHPI: Neck pain for three months.\n');
    expect(findingKeys(r)).toEqual(['neck_pain/present']);
  });

  it('reads a steroid injection into a knee, shoulder or hip as no epidural injection', () => {
    const r = extractText(
      'HPI: Low back pain. She had an intra-articular steroid injection of the right knee last month, and a ' +
        'cortisone injection into the left shoulder in May.\n',
    );
    expect(findingKeys(r)).toEqual(['back_pain/present']);
    // A spinal one, named generically, still counts.
    const spine = extractText(
      'HPI: Low back pain. A steroid injection to the lumbar spine helped for a month.\n',
    );
    expect(findingKeys(spine)).toContain('epidural_steroid_injection/present');
  });

  it('does not correct the name of the Spurling test to spurring', () => {
    const r = extractText('Exam: Spurling negative bilaterally. Spurlings test positive on the left.\n');
    expect(r.findings.map((f) => f.concept)).not.toContain('spondylosis');
  });

  it('reads a fracture of a transverse or spinous process as no vertebral compression fracture', () => {
    const r = extractText(
      'FINDINGS: Nondisplaced fracture of the left L2 transverse process. Acute burst fracture of L1.\n',
    );
    expect(r.findings.filter((f) => f.concept === 'compression_fracture').map((f) => f.levels)).toEqual([
      ['L1'],
    ]);
    expect(
      findingKeys(extractText('FINDINGS: Fractures of the right L3 and L4 transverse processes.\n')),
    ).toEqual([]);
  });

  it('still reads an operation on the spine', () => {
    const r = extractText('PSH: Lumbar spine surgery in 2015. Knee surgery in 2019.\n');
    expect(r.findings.filter((f) => f.concept === 'spine_surgery').map((f) => f.mentions.length)).toEqual([
      1,
    ]);
  });

  it('reads a patent foramen ovale and a vertebral fracture assessment (a DXA study) as no finding', () => {
    expect(extractText('PMH: Patent foramen ovale, on aspirin.\n').findings).toEqual([]);
    const vfa = extractText(
      'BONE DENSITOMETRY WITH VERTEBRAL FRACTURE ASSESSMENT\nFINDINGS: Mild wedge compression fracture of T7.\n',
    );
    expect(vfa.findings.map((f) => `${f.concept}@${f.levels.join(',')}`)).toEqual([
      'compression_fracture@T7',
    ]);
  });

  it('reads a stenosis of a vessel, a rib fracture and a broken screw as no spine finding', () => {
    const r = extractText(
      'CT ABDOMEN:\nModerate stenosis at the origin of the celiac axis. Iliac artery stenosis on the left.\nAcute fractures of the left posterior 10th and 11th ribs. No hardware fracture.\n',
    );
    expect(r.findings.map((f) => f.concept)).toEqual([]);
    const spine = extractText(
      'FINDINGS: Moderate central canal stenosis at L4-5. Acute L1 compression fracture.\n',
    );
    expect(findingKeys(spine).sort()).toEqual(['compression_fracture/present', 'spinal_stenosis/present']);
  });
});
