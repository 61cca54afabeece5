import { describe, expect, it } from 'vitest';
import { findLevels, normaliseLevel, regionOfLevel } from '../../src/match/anatomy.js';

const disc = (text: string) => findLevels(text).flatMap((l) => normaliseLevel(l, 'disc'));
const vert = (text: string) => findLevels(text).flatMap((l) => normaliseLevel(l, 'vertebra'));

describe('anatomy: level notation', () => {
  it('normalises every disc-level spelling to both letters', () => {
    expect(disc('bulges at L4-5, L4/5, L4-L5, L4–5, L4 5 and L5-S1')).toEqual([
      'L4-L5',
      'L4-L5',
      'L4-L5',
      'L4-L5',
      'L4-L5',
      'L5-S1',
    ]);
    expect(disc('T12-L1 and C7-T1 and S1-2')).toEqual(['T12-L1', 'C7-T1', 'S1-S2']);
  });

  it('expands ranges into disc levels, or vertebrae for vertebral-body findings', () => {
    expect(disc('stenosis from C3 through C7')).toEqual(['C3-C4', 'C4-C5', 'C5-C6', 'C6-C7']);
    expect(disc('C3-C7 spondylosis')).toEqual(['C3-C4', 'C4-C5', 'C5-C6', 'C6-C7']);
    expect(disc('C3-4 through C6-7')).toEqual(['C3-C4', 'C4-C5', 'C5-C6', 'C6-C7']);
    expect(disc('from L2 to L5')).toEqual(['L2-L3', 'L3-L4', 'L4-L5']);
    expect(vert('T11-T12 compression fractures')).toEqual(['T11', 'T12']);
    expect(vert('T8 through T9 marrow edema')).toEqual(['T8', 'T9']);
  });

  it('reads a disc level dictated without its hyphen ("L45", "C56"), never a thoracic vertebra', () => {
    expect(disc('catheter tip at the L45 level; disc bulge at C56')).toEqual(['L4-L5', 'C5-C6']);
    expect(vert('T12 compression fracture')).toEqual(['T12']);
    // Digits that are no neighbours name nothing.
    expect(disc('L15 and C38')).toEqual([]);
  });

  it('reads D12 as T12, "L4 on L5" as L4-L5, and a vertebral body as the vertebra', () => {
    expect(vert('wedging of D12')).toEqual(['T12']);
    expect(disc('grade 1 anterolisthesis of L4 on L5')).toEqual(['L4-L5']);
    expect(disc('mild loss of height of the L2 vertebral body')).toEqual(['L2']);
    expect(disc('at the L2 level')).toEqual(['L2']);
  });

  it('reads the named junctions as the disc level between two regions, in text order', () => {
    expect(disc('a broad bulge at the lumbosacral junction')).toEqual(['L5-S1']);
    expect(disc('L4-5 stenosis; transitional anatomy at the Lumbosacral  junction')).toEqual([
      'L4-L5',
      'L5-S1',
    ]);
    expect(disc('kyphosis at the thoracolumbar junction and the cervicothoracic junction')).toEqual([
      'T12-L1',
      'C7-T1',
    ]);
    expect(disc('a junctional fracture')).toEqual([]);
  });

  it('does not read MRI sequences or sizes as levels', () => {
    expect(disc('T2 hyperintensity in the cord at C5')).toEqual(['C5']);
    expect(disc('sagittal T1-weighted and STIR/T2 images')).toEqual([]);
    expect(disc('L4 5 mm protrusion')).toEqual(['L4']);
    expect(disc('fracture of the T2 vertebral body')).toEqual(['T2']);
    // In a list of levels a bare T2 is one more level; "T1 and T2" stays sequences.
    expect(disc('enhancing lesions in T2 and T10 vertebral bodies')).toEqual(['T2', 'T10']);
    expect(disc('hyperintense on T1 and T2 images')).toEqual([]);
  });

  it('names the region of a level', () => {
    expect(regionOfLevel('C5-C6')).toEqual(['cervical']);
    expect(regionOfLevel('T12-L1')).toEqual(['thoracic', 'lumbar']);
    expect(regionOfLevel('L5-S1')).toEqual(['lumbar']);
  });
});
