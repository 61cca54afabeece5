/**
 * A level that names a nerve root ("the L5 root") says which root, not where a disc or bone finding lies;
 * findings about roots, symptoms and care still take it.
 */
import { describe, expect, it } from 'vitest';
import { extractText } from '../helpers/extractor.js';

function levelsOf(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of extractText(text).findings)
    for (const m of f.mentions) out[f.concept] = [...new Set([...(out[f.concept] ?? []), ...m.levels])];
  return out;
}

describe('levels that name a nerve root', () => {
  it('do not locate a disc finding next to them', () => {
    const got = levelsOf(
      'FINDINGS:\nSmall left paracentral disc protrusion at L4-5 with enhancing scar around the left L5 root.\n',
    );
    expect(got.disc_herniation).toEqual(['L4-L5']);
  });

  it('do not locate a finding outside a list of roots either', () => {
    const got = levelsOf(
      'FINDINGS:\nModerate facet arthropathy, with the L5 and S1 roots crowded in the lateral recess.\n',
    );
    expect(got.facet_arthropathy).toEqual([]);
  });

  it('still locate radicular symptoms and root compression', () => {
    const got = levelsOf(
      'HPI: Pain radiating down the left leg in the S1 root distribution.\nIMPRESSION: Disc protrusion at L5-S1 compressing the left S1 nerve root.\n',
    );
    expect(got.radiculopathy).toContain('S1');
    expect(got.nerve_root_compression).toContain('S1');
    expect(got.disc_herniation).toEqual(['L5-S1']);
  });
});

describe('pain in a dermatome', () => {
  it('is radicular, at the root it names', () => {
    expect(
      levelsOf('HPI: Burning pain in a C6 distribution on the right for 5 weeks.\n').radiculopathy,
    ).toEqual(['C6']);
    expect(levelsOf('HPI: She has pain in the left L5 dermatome when she walks.\n').radiculopathy).toEqual([
      'L5',
    ]);
    expect(
      levelsOf('HPI: Aching pain in the distribution of the right L4 nerve root.\n').radiculopathy,
    ).toEqual(['L4']);
  });

  it('leaves a deficit in a dermatome a deficit at that level', () => {
    const got = levelsOf('EXAM: Light touch is decreased in the left S1 dermatome.\n');
    expect(got.sensory_deficit).toEqual(['S1']);
    expect(got.radiculopathy).toBeUndefined();
    // A term's gap never skips a word that says the exam was normal.
    expect(
      levelsOf('EXAM: Light touch intact, reflexes decreased at both ankles.\n').sensory_deficit,
    ).toBeUndefined();
  });

  it('is absent when denied, and a glove or stocking pattern is not one', () => {
    const denied = extractText('ROS: No pain in an L5 distribution.\n').findings;
    expect(denied.find((f) => f.concept === 'radiculopathy')?.assertion).toBe('absent');
    expect(
      levelsOf('EXAM: Pain and numbness in a stocking distribution in both feet.\n').radiculopathy,
    ).toBeUndefined();
  });
});
