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
