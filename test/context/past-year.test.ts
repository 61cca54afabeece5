/**
 * Care dated to a long-past year is historical without a cue word; a year that starts something, a recent
 * year, and symptoms dated to a year are left as they are.
 */
import { describe, expect, it } from 'vitest';
import { referenceYear } from '../../src/context/past-year.js';
import { extractText } from '../helpers/extractor.js';

/** "concept assertion [cue texts]" per mention, in text order. */
function mentions(text: string): string[] {
  return extractText(text)
    .findings.flatMap((f) => f.mentions.map((m) => ({ f, m })))
    .sort((a, b) => a.m.span.start - b.m.span.start)
    .map(({ f, m }) => `${f.concept} ${m.assertion} [${m.cues.map((c) => c.text).join('|')}]`);
}

const VISIT = 'SPINE CLINIC\nDate of service: 05/02/2025\n';

describe('care dated to a long-past year', () => {
  it('is historical, with the year as its cue', () => {
    expect(
      mentions(
        `${VISIT}HPI: She had an L5-S1 microdiscectomy in 2016 and lumbar fusion (2019) for back pain.\n`,
      ),
    ).toEqual([
      'spine_surgery historical [in 2016]',
      'spine_surgery historical [(2019)]',
      'back_pain present []',
    ]);
  });

  it('is left present when the year is recent or starts the care', () => {
    expect(
      mentions(`${VISIT}HPI: Physical therapy in 2024 helped. She has taken gabapentin since 2016.\n`),
    ).toEqual(['physical_therapy present []', 'analgesic_therapy present []']);
  });

  it('does not make a symptom dated to a year historical', () => {
    expect(mentions(`${VISIT}HPI: Low back pain began in 2015 and persists.\n`)).toEqual([
      'back_pain present []',
    ]);
  });

  it('makes a condition told as a past event in a long-past year historical', () => {
    expect(mentions(`${VISIT}HPI: He had cauda equina syndrome in 2011 and recovered fully.\n`)).toEqual([
      'cauda_equina_syndrome historical [in 2011]',
    ]);
    expect(mentions(`${VISIT}HPI: She sustained an L1 compression fracture in 2015.\n`)).toEqual([
      'compression_fracture historical [in 2015]',
    ]);
    // A diagnosis dated to a year, or a state that has gone on since, may still be present.
    expect(mentions(`${VISIT}HPI: He was diagnosed with lumbar stenosis in 2015.\n`)).toEqual([
      'spinal_stenosis present []',
    ]);
    expect(mentions(`${VISIT}HPI: She has had sciatica in 2019 and again this spring.\n`)).toEqual([
      'radiculopathy present []',
    ]);
  });

  it('dates an event told after its year in the clause ("was hospitalized in 2021 for ...")', () => {
    expect(
      mentions(`${VISIT}HPI: He was treated in 2016 for cauda equina syndrome, fully recovered.\n`),
    ).toEqual(['cauda_equina_syndrome historical [2016]']);
    expect(mentions(`${VISIT}HPI: Underwent in 2012 an L4-5 laminectomy.\n`)).toEqual([
      'spine_surgery historical [2012]',
    ]);
    // Without an event verb a year before a condition is its onset.
    expect(mentions(`${VISIT}HPI: Diagnosed in 2016 with lumbar stenosis, managed with PT.\n`)).toContain(
      'spinal_stenosis present []',
    );
  });

  it('reads an undated note against the latest year it names', () => {
    expect(referenceYear(null, 'MRI 2023. Seen 03/2024 and in 2025.')).toBe(2025);
    expect(referenceYear('2021-06-01', 'Surgery 2019.')).toBe(2021);
    expect(referenceYear(null, 'No year here; 12.2025 mg is not one.')).toBe(null);
    expect(mentions('HPI: Epidural steroid injection in 2012. MRI in 2024 showed stenosis.\n')[0]).toBe(
      'epidural_steroid_injection historical [in 2012]',
    );
  });
});

describe('events dated to a long-past year in documents', () => {
  it('reads a fracture or an injury dated to a past year as history, and leaves a condition present', () => {
    const r = extractText(
      'CLINIC NOTE\nDate of service: 03/01/2024\nHPI: Low back pain for 3 months. T12 compression fracture in 2015 after a fall from a ladder. Lumbar stenosis diagnosed in 2016.\n',
    );
    const of = (c: string) => r.findings.filter((f) => f.concept === c).map((f) => f.assertion);
    expect(of('compression_fracture')).toEqual(['historical']);
    expect(of('spinal_stenosis')).toEqual(['present']);
    expect(of('back_pain')).toEqual(['present']);
  });

  it('dates the events of a sentence that opens with a long-past year, up to a turn to now', () => {
    expect(
      mentions(
        `${VISIT}HPI: In 2008 he was in a motorcycle accident and sustained an L2 compression fracture.\n`,
      ),
    ).toEqual(['significant_trauma historical [In 2008]', 'compression_fracture historical [In 2008]']);
    expect(mentions(`${VISIT}HPI: In 2015, she underwent an L4-5 fusion.\n`)).toEqual([
      'spine_surgery historical [In 2015]',
    ]);
    // A turn to the present, or a recent year, dates nothing.
    expect(
      mentions(`${VISIT}HPI: In 2016 she fell, but now she has a new L1 compression fracture.\n`),
    ).toContain('compression_fracture present []');
    expect(mentions(`${VISIT}HPI: In 2025 she had an L1 compression fracture.\n`)).toEqual([
      'compression_fracture present []',
    ]);
  });
});
