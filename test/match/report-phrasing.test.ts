/**
 * Radiology and clinic phrasings found missing by a blind probe of self-written reports: a cord or canal
 * stated normal, facet DJD, a "with" phrase sharing its level, labels with a note or sub-labels, "Hx:" as the
 * indication's heading, lay words for cauda equina signs, and joint injections that are no oral steroid.
 */
import { describe, expect, it } from 'vitest';
import { extractText, finding, findingKeys } from '../helpers/extractor.js';

describe('report phrasings', () => {
  it('reads a cord normal in caliber and signal, and a bare canal normal in caliber, as absent findings', () => {
    const r = extractText(
      'FINDINGS:\nC5-6: The spinal cord is normal in caliber and signal. The canal is normal in caliber.\n',
    );
    expect(finding(r, 'cord_signal_change', 'absent')?.levels).toEqual(['C5-C6']);
    expect(finding(r, 'spinal_stenosis', 'absent')?.levels).toEqual(['C5-C6']);
    expect(finding(r, 'cord_signal_change', 'present')).toBeUndefined();
  });

  it('reads a compressed conus as cord compression, alone or shared with the cord', () => {
    const r = extractText(
      'FINDINGS:\nL1-2: Large extrusion with compression of the conus medullaris.\nT12-L1: No cord or conus compression.\n',
    );
    expect(findingKeys(r).sort()).toContain('cord_compression/present');
    expect(findingKeys(r).sort()).toContain('cord_compression/absent');
  });

  it('reads no grade inside a date or a Gleason score, and no finding in a stress fracture or a bare saddle area', () => {
    const r = extractText(
      'HPI: Thoracic radiographs 1/5/2023 were normal. Prostate cancer, Gleason 4+3.\nStrength 4/5 in the left EHL. Reflexes 3+/4 at the knees.\nInterpreter used a diagram of the saddle area. Spondylolysis (stress fracture) at L5.\n',
    );
    expect(findingKeys(r).sort()).toEqual([
      'cancer_history/present',
      'hyperreflexia/present',
      'motor_weakness/present',
    ]);
    expect(r.findings.find((f) => f.concept === 'motor_weakness')?.span.text).toBe('4/5');
  });

  it('reads endplate edema as marrow edema and altered saddle sensation as saddle anesthesia', () => {
    const r = extractText(
      'FINDINGS: Mild endplate edema at L4-5.\nEXAM: Saddle sensation reduced on the left. She denies saddle area hypoesthesia on the right.\n',
    );
    expect(findingKeys(r)).toContain('bone_marrow_edema/present');
    expect(findingKeys(r)).toContain('saddle_anesthesia/present');
  });

  it('reads weight that is down or dropped as weight loss', () => {
    expect(findingKeys(extractText('HPI: Weight down 6 kg over 3 months without trying.\n'))).toContain(
      'unexplained_weight_loss/present',
    );
    expect(findingKeys(extractText('HPI: She has dropped 15 lbs since the summer.\n'))).toContain(
      'unexplained_weight_loss/present',
    );
    expect(findingKeys(extractText('HPI: Pain is down 3 points since starting PT.\n'))).not.toContain(
      'unexplained_weight_loss/present',
    );
  });

  it('reads facet DJD, vertebral augmentation and a pseudo-bulge', () => {
    const r = extractText(
      'FINDINGS: There is facet DJD at L5-S1. Pseudo-bulge of the disc at L5-S1 from the slip.\n' +
        'IMPRESSION: Candidate for vertebral augmentation if pain persists.\n',
    );
    expect(finding(r, 'facet_arthropathy')?.levels).toEqual(['L5-S1']);
    expect(finding(r, 'spine_surgery', 'hypothetical')).toBeDefined();
    expect(finding(r, 'disc_bulge')).toBeUndefined();
  });

  it('gives an imaging finding "with" another the other\'s levels, but not a multilevel one nor a symptom', () => {
    const r = extractText(
      'FINDINGS:\nMild disc space narrowing with anterior osteophytes at C5-6 and C6-7.\n',
    );
    expect(finding(r, 'degenerative_disc_disease')?.levels).toEqual(['C5-C6', 'C6-C7']);
    const multi = extractText('FINDINGS:\nMultilevel spondylosis with severe stenosis at C4-5.\n');
    expect(finding(multi, 'spondylosis')?.levels).toEqual([]);
    const symptom = extractText('HPI: Back pain with radiation into the leg in an S1 distribution.\n');
    expect(finding(symptom, 'back_pain')?.levels).toEqual([]);
  });

  it('keeps a level label across a note in brackets and across sub-labels on its line', () => {
    const r = extractText(
      'FINDINGS:\nL3-4 (adjacent level): Broad disc bulge. Mild facet arthropathy.\n' +
        'L4-L5: Disc: small bulge. Canal: mild stenosis.\n',
    );
    expect(finding(r, 'facet_arthropathy')?.levels).toEqual(['L3-L4']);
    expect(finding(r, 'spinal_stenosis')?.levels).toEqual(['L4-L5']);
  });

  it('reads "Hx:" as the heading of the clinical history, not as "history of"', () => {
    const r = extractText('MRI LUMBAR SPINE\nHx: Low back pain x 2 wks.\nFINDINGS: No fracture.\n');
    expect(findingKeys(r)).toContain('back_pain/present');
  });

  it("reads a patient's own words for saddle numbness and urinary retention", () => {
    const r = extractText(
      'HPI: She cannot feel the toilet paper when she wipes. Since this morning she has had a hard time ' +
        'getting her urine to start.\n',
    );
    expect(findingKeys(r)).toEqual(
      expect.arrayContaining(['saddle_anesthesia/present', 'bowel_bladder_dysfunction/present']),
    );
    expect(findingKeys(extractText('ROS: Denies trouble urinating.\n'))).toContain(
      'bowel_bladder_dysfunction/absent',
    );
  });

  it('reads a corticosteroid injection into the shoulder as no oral steroid and no epidural', () => {
    const r = extractText('PLAN: Ultrasound-guided subacromial corticosteroid injection performed today.\n');
    expect(findingKeys(r)).toEqual([]);
    expect(findingKeys(extractText('HPI: Lumbar corticosteroid injection in March helped.\n'))).toContain(
      'epidural_steroid_injection/present',
    );
  });
});
