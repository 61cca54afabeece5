import { describe, expect, it } from 'vitest';
import { extractText, finding } from '../helpers/extractor.js';

const levelsOf = (text: string, concept: string, assertion = 'present') =>
  finding(extractText(text), concept, assertion)?.levels ?? null;

describe('level attachment', () => {
  it('gives a level-by-level paragraph label to each finding under it', () => {
    const text = 'FINDINGS:\nL3-4: Mild disc bulge. No canal stenosis.\nL4-5: Facet arthropathy.';
    expect(levelsOf(text, 'disc_bulge')).toEqual(['L3-L4']);
    expect(levelsOf(text, 'spinal_stenosis', 'absent')).toEqual(['L3-L4']);
    expect(levelsOf(text, 'facet_arthropathy')).toEqual(['L4-L5']);
  });

  it('gives a level after a comma to the finding it opens, however many words of place stand between', () => {
    const text =
      'IMPRESSION: Disc protrusion at L5-S1 contacting the traversing right S1 nerve root, mild L3 superior endplate height loss without edema.';
    expect(levelsOf(text, 'nerve_root_compression')).toEqual(['L5-S1', 'S1']);
    expect(levelsOf(text, 'vertebral_height_loss')).toEqual(['L3']);
  });

  it('reads labels that list or span several levels, and disc labels without a colon', () => {
    const text =
      'FINDINGS:\nT12-L1 through L2-L3: No disc bulge.\nL3-4 and L4-5: Mild facet arthropathy.\nL5/S1 Broad extrusion. Moderate foraminal stenosis.';
    expect(levelsOf(text, 'disc_bulge', 'absent')).toEqual(['T12-L1', 'L1-L2', 'L2-L3']);
    expect(levelsOf(text, 'facet_arthropathy')).toEqual(['L3-L4', 'L4-L5']);
    expect(levelsOf(text, 'foraminal_stenosis')).toEqual(['L5-S1']);
  });

  it('reads a label of levels joined by commas as labelling the whole sentence', () => {
    const text = 'FINDINGS:\nC2-3, C3-4: No disc herniation or stenosis.\n';
    expect(levelsOf(text, 'disc_herniation', 'absent')).toEqual(['C2-C3', 'C3-C4']);
    expect(levelsOf(text, 'spinal_stenosis', 'absent')).toEqual(['C2-C3', 'C3-C4']);
  });

  it('gives the findings of the sentences after an "At L4-5," opener its level, on that line only', () => {
    const text =
      'FINDINGS:\nAt L4-5, there is a broad-based protrusion. The spinal canal is moderately narrowed. ' +
      'At this level there is severe left foraminal narrowing.\n' +
      'No acute fracture. Vertebral body heights are maintained.\n';
    expect(levelsOf(text, 'spinal_stenosis')).toEqual(['L4-L5']);
    expect(levelsOf(text, 'foraminal_stenosis')).toEqual(['L4-L5']);
    expect(levelsOf(text, 'vertebral_height_loss', 'absent')).toEqual([]);
    const moved =
      'FINDINGS:\nAt C6-7, there is a central herniation. MRI of the thoracic spine showed normal vertebral body height.\n';
    expect(levelsOf(moved, 'vertebral_height_loss', 'absent')).toEqual([]);
  });

  it("gives a finding named inside another finding's phrase the level of that phrase", () => {
    const r = extractText(
      'FINDINGS:\nThere is a pathologic compression fracture of L2 with 30% height loss.\n',
    );
    expect(finding(r, 'suspected_malignancy')?.levels).toEqual(['L2']);
    expect(finding(r, 'compression_fracture')?.levels).toEqual(['L2']);
    expect(finding(r, 'vertebral_height_loss')?.levels).toEqual(['L2']);
  });

  it('ends a range of levels at the words after it, so a later level goes with its own finding', () => {
    const r = extractText(
      'IMPRESSION:\nMultilevel degenerative disc disease from L2-3 to L5-S1 with mild L2 vertebral body height loss.\n',
    );
    expect(finding(r, 'vertebral_height_loss')?.levels).toEqual(['L2']);
    expect(finding(r, 'degenerative_disc_disease')?.levels).toEqual(['L2-L3', 'L3-L4', 'L4-L5', 'L5-S1']);
    const root = extractText(
      'FINDINGS:\nDisc protrusion at L5/S1, encroaching the right S1 exit nerve root.\n',
    );
    expect(finding(root, 'disc_herniation')?.levels).toEqual(['L5-S1']);
    expect(finding(root, 'nerve_root_compression')?.levels).toEqual(['L5-S1', 'S1']);
  });

  it('gives a level after "and at" to the item it opens', () => {
    const text = 'FINDINGS:\nAt L3-4, there is a small bulge and at L4-5 a protrusion.\n';
    expect(levelsOf(text, 'disc_bulge')).toEqual(['L3-L4']);
    expect(levelsOf(text, 'disc_herniation')).toEqual(['L4-L5']);
    const r = extractText('FINDINGS:\nMild stenosis at L3-4, and at L4-5 moderate stenosis.\n');
    expect(finding(r, 'spinal_stenosis')?.mentions.map((m) => m.levels)).toEqual([['L3-L4'], ['L4-L5']]);
  });

  it('shares a level between findings joined through descriptive words', () => {
    const text = 'FINDINGS:\nModerate disc space narrowing and anterior osteophytes at C5-6.\n';
    expect(levelsOf(text, 'degenerative_disc_disease')).toEqual(['C5-C6']);
    expect(levelsOf(text, 'spondylosis')).toEqual(['C5-C6']);
  });

  it('gives a level written against a finding to that finding, not to the one before it', () => {
    const text =
      'IMAGING: MRI shows multilevel spondylosis with mild T12 height loss and a large C6-7 herniated disc.';
    expect(levelsOf(text, 'vertebral_height_loss')).toEqual(['T12']);
    expect(levelsOf(text, 'disc_herniation')).toEqual(['C6-C7']);
    expect(levelsOf(text, 'spondylosis')).toEqual([]);
  });

  it('keeps a level list with its finding and gives a later level to the finding it follows', () => {
    const text = 'There is disc desiccation at L2-3 and L3-4 with a small disc bulge at L3-4.';
    expect(levelsOf(text, 'degenerative_disc_disease')).toEqual(['L2-L3', 'L3-L4']);
    expect(levelsOf(text, 'disc_bulge')).toEqual(['L3-L4']);
  });

  it('shares a level between coordinated findings and carries it to a finding that goes with another', () => {
    expect(levelsOf('Disc bulge and facet hypertrophy at L4-5.', 'disc_bulge')).toEqual(['L4-L5']);
    const text = 'Compression fracture of T11 with about 30% loss of vertebral body height.';
    expect(levelsOf(text, 'vertebral_height_loss')).toEqual(['T11']);
  });

  it('adds the level of a named nerve root to the disc level', () => {
    const text = 'Right paracentral protrusion at L5-S1 compressing the right S1 nerve root.';
    expect(levelsOf(text, 'nerve_root_compression')?.sort()).toEqual(['L5-S1', 'S1']);
    expect(levelsOf(text, 'disc_herniation')).toEqual(['L5-S1']);
  });

  it('lists vertebrae for vertebral-body findings and discs for disc findings in a range', () => {
    expect(levelsOf('Chronic compression fractures of T11-T12.', 'compression_fracture')).toEqual([
      'T11',
      'T12',
    ]);
    expect(levelsOf('Spondylosis from C3 through C6.', 'spondylosis')).toEqual(['C3-C4', 'C4-C5', 'C5-C6']);
  });

  it('does not give symptoms the level of a nearby imaging finding', () => {
    const text = 'IMPRESSION: Possible discitis at L2-3 in a patient with fever.';
    expect(levelsOf(text, 'fever')).toEqual([]);
  });

  it('marks multilevel findings and their region', () => {
    const r = extractText('IMPRESSION: Multilevel cervical spondylosis, most pronounced at C5-6.');
    const f = finding(r, 'spondylosis');
    expect(f?.multilevel).toBe(true);
    expect(f?.region).toEqual(['cervical']);
  });
});
