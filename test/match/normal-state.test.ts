/**
 * A canal or foramen stated open or normal ("the neural foramina are patent") is a statement that there is
 * no stenosis there: an absent fact with the state words as its cue, never a present one.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/facts/schema.js';
import { extractText } from '../helpers/extractor.js';

/** Each mention of `concept` as "assertion@levels <- cue texts". */
function mentionsOf(r: DocumentResult, concept: string): string[] {
  return r.findings
    .filter((f) => f.concept === concept)
    .flatMap((f) =>
      f.mentions.map(
        (m) => `${m.assertion}@${m.levels.join(',')} <- ${m.cues.map((c) => c.text.toLowerCase()).join('|')}`,
      ),
    );
}

describe('canal and foramina stated patent or normal', () => {
  it('reads a level line that clears canal and foramina together as two absent facts', () => {
    const r = extractText(
      'FINDINGS:\nT12-L1: No disc bulge. The spinal canal and neural foramina are widely patent.\n',
    );
    expect(mentionsOf(r, 'spinal_stenosis')).toEqual(['absent@T12-L1 <- are widely patent']);
    expect(mentionsOf(r, 'foraminal_stenosis')).toEqual(['absent@T12-L1 <- are widely patent']);
  });

  it('reads canal and foramina joined by a comma as two absent facts', () => {
    const r = extractText(
      'FINDINGS:\nL3-4: Mild facet arthropathy. Central canal, neural foramina are patent.\n',
    );
    expect(mentionsOf(r, 'spinal_stenosis').map((m) => m.split(' <-')[0])).toEqual(['absent@L3-L4']);
    expect(mentionsOf(r, 'foraminal_stenosis').map((m) => m.split(' <-')[0])).toEqual(['absent@L3-L4']);
  });

  it('reads the short forms, singular and plural', () => {
    const r = extractText(
      'FINDINGS:\nC4-5: Canal and foramina are normal.\nC5-6: Foramina patent. The central canal is normal in caliber.\n',
    );
    expect(mentionsOf(r, 'spinal_stenosis').map((m) => m.split(' <-')[0])).toEqual([
      'absent@C4-C5',
      'absent@C5-C6',
    ]);
    expect(mentionsOf(r, 'foraminal_stenosis').map((m) => m.split(' <-')[0])).toEqual([
      'absent@C4-C5',
      'absent@C5-C6',
    ]);
  });

  it('reads "patent" or "adequate" before or after a canal or foramen, with no verb', () => {
    const r = extractText(
      'FINDINGS:\nC6-7: Small disc bulge. Patent foramina.\nL4-5: Exit foramina are adequate. The central canal is of adequate calibre.\n',
    );
    expect(mentionsOf(r, 'foraminal_stenosis').map((m) => m.split(' <-')[0])).toEqual([
      'absent@C6-C7',
      'absent@L4-L5',
    ]);
    expect(mentionsOf(r, 'spinal_stenosis').map((m) => m.split(' <-')[0])).toEqual(['absent@L4-L5']);
  });

  it('keeps a stenosis on one side when the other side is patent', () => {
    const r = extractText('FINDINGS:\nL4-5: Severe right foraminal stenosis, left foramen patent.\n');
    const mentions = r.findings.filter((x) => x.concept === 'foraminal_stenosis').flatMap((f) => f.mentions);
    expect(mentions.map((m) => `${m.assertion}: ${m.span.text}`)).toEqual([
      'present: foraminal stenosis',
      'absent: foramen patent',
    ]);
  });

  it('does not let a patent canal clear a stenosis named before it in the sentence', () => {
    const r = extractText(
      'FINDINGS:\nL2-3: Moderate canal stenosis and the central canal is patent below.\n',
    );
    expect(mentionsOf(r, 'spinal_stenosis')).toContain('present@L2-L3 <- ');
  });

  it('does not read a normal ear canal on examination as a spine finding', () => {
    const r = extractText('PHYSICAL EXAM:\nHEENT: Ear canals are normal. Tympanic membranes clear.\n');
    expect(r.findings.map((f) => f.concept)).toEqual([]);
  });
});

describe('marrow signal stated normal', () => {
  it('is absent marrow edema, in either word order', () => {
    const r = extractText('FINDINGS:\nNormal marrow signal at T11.\nL2: marrow signal nl, no fracture.\n');
    expect(mentionsOf(r, 'bone_marrow_edema')).toEqual(['absent@T11 <- normal', 'absent@L2 <- nl']);
  });

  it('is absent when the sentence says the signal is normal, whatever the canal rules also match', () => {
    const r = extractText('FINDINGS:\nMarrow signal is normal without focal lesion.\n');
    expect(mentionsOf(r, 'bone_marrow_edema')).toEqual(['absent@ <- normal']);
  });

  it('"normal" describes its own noun, not a finding further on', () => {
    const r = extractText(
      'FINDINGS:\nNormal alignment with STIR hyperintensity in the T11 vertebral body.\n',
    );
    expect(mentionsOf(r, 'bone_marrow_edema')).toEqual(['present@T11 <- ']);
  });

  it('does not clear edema reported in the next sentence', () => {
    const r = extractText(
      'FINDINGS:\nMarrow signal is otherwise normal. Marrow edema in the T12 vertebral body.\n',
    );
    expect(mentionsOf(r, 'bone_marrow_edema')).toContain('present@T12 <- ');
  });
});

describe('vertebral body heights stated maintained or normal', () => {
  it('reads them as an absent height loss with the state words as cue', () => {
    const r = extractText('FINDINGS:\nAlignment is normal. Vertebral body heights are preserved.\n');
    expect(mentionsOf(r, 'vertebral_height_loss')).toEqual(['absent@ <- are preserved']);
    const labelled = extractText('FINDINGS:\nVertebral bodies: Heights maintained. No marrow edema.\n');
    expect(mentionsOf(labelled, 'vertebral_height_loss')).toEqual(['absent@ <- maintained']);
    const named = extractText('FINDINGS:\nThe T11 and T12 vertebral body heights are normal.\n');
    expect(mentionsOf(named, 'vertebral_height_loss')).toEqual(['absent@T11,T12 <- are normal']);
  });

  it('says nothing of the remaining vertebrae, of disc heights or of the stature', () => {
    const r = extractText(
      'FINDINGS:\nMild anterior wedging of L1 with 20% height loss and normal marrow signal. The remaining vertebral body heights are maintained. Disc heights are preserved.\n',
    );
    // "wedging" and "height loss" are two mentions of the one present finding.
    expect(new Set(mentionsOf(r, 'vertebral_height_loss').map((m) => m.split(' <-')[0]))).toEqual(
      new Set(['present@L1']),
    );
    const stature = extractText('HISTORY:\nOsteoporosis with height loss of 4 cm over two years.\n');
    expect(mentionsOf(stature, 'vertebral_height_loss')).toEqual([]);
  });
});

describe('vertebral bodies stated normal in height', () => {
  it('reads heights maintained with another structure, or bodies normal in height, as absent height loss', () => {
    for (const sentence of [
      'Vertebral body heights and disc heights are maintained.',
      'Vertebral body heights and intervertebral disc spaces are preserved.',
      'The vertebral bodies are normal in height.',
    ]) {
      expect(mentionsOf(extractText(`FINDINGS:\n${sentence}\n`), 'vertebral_height_loss')).toEqual([
        expect.stringMatching(/^absent@ <- /),
      ]);
    }
  });

  it('reads the remaining bodies normal in height as no fact, beside a height loss', () => {
    const r = extractText(
      'FINDINGS:\n20% height loss of L2. The remaining vertebral bodies are normal in height.\n',
    );
    expect(mentionsOf(r, 'vertebral_height_loss').map((m) => m.split(' <-')[0])).toEqual(['present@L2']);
  });
});
