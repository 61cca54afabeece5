import { describe, expect, it } from 'vitest';
import { extractMeasurements } from '../../src/measure/index.js';
import { buildDoc, measure } from './helpers.js';

const hl = (text: string) =>
  measure(text, 'findings', 'findings').filter((m) => m.kind === 'height_loss_percent');

describe('vertebral height loss percent', () => {
  it('reads a percentage with the vertebra it names', () => {
    expect(hl('There is approximately 30% loss of height of L2.')[0]).toMatchObject({
      value: 30,
      unit: 'percent',
      levels: ['L2'],
      span: { text: 'approximately 30% loss of height of L2' },
    });
    expect(hl('Superior endplate fracture of T12 with 20% anterior height loss.')[0]).toMatchObject({
      value: 20,
      levels: ['T12'],
      span: { text: '20% anterior height loss' },
    });
    expect(hl('Height loss of approximately 40% at T8.')[0]).toMatchObject({ value: 40, levels: ['T8'] });
    expect(hl('L1 compression fracture with 50-60% loss of vertebral body height.')[0]).toMatchObject({
      value: 60,
      levels: ['L1'],
    });
  });

  it('reads "pct" as percent, in any case', () => {
    expect(hl('APPROX 22 PCT ANTERIOR HEIGHT LOSS OF L2.')[0]).toMatchObject({ value: 22, levels: ['L2'] });
  });

  it('reads fractions and number words', () => {
    expect(hl('Approximately one-third loss of height of the L1 vertebral body.')[0]).toMatchObject({
      value: 33.3,
      levels: ['L1'],
      span: { text: 'Approximately one-third loss of height of the L1 vertebral body' },
    });
    expect(hl('Twenty percent loss of height of T7.')[0]).toMatchObject({ value: 20, levels: ['T7'] });
    expect(hl('Collapse of approximately one half of the T9 vertebral body.')[0]).toMatchObject({
      value: 50,
      levels: ['T9'],
    });
    expect(hl('Two-thirds loss of height of L3.')[0]?.value).toBe(66.7);
  });

  it('keeps the number of a bound and shows the comparator in the span', () => {
    expect(hl('Mild wedging of L3 with less than 25% height loss.')[0]).toMatchObject({
      value: 25,
      levels: ['L3'],
      span: { text: 'less than 25% height loss' },
    });
  });

  it('lists every vertebra of a multi-level statement', () => {
    expect(hl('T11 and T12 compression fractures with approximately 25% height loss.')[0]?.levels).toEqual([
      'T11',
      'T12',
    ]);
    expect(hl('Compression deformities of T11-T12 with 20% loss of height.')[0]?.levels).toEqual([
      'T11',
      'T12',
    ]);
  });

  it('gives each percentage its own level', () => {
    const list = hl('There is 30% height loss at L1 and 50% height loss at L2.');
    expect(list.map((m) => [m.value, m.levels])).toEqual([
      [30, ['L1']],
      [50, ['L2']],
    ]);
    const resp = hl('L1 and L2 show 30% and 50% loss of height, respectively.');
    expect(resp.map((m) => [m.value, m.levels])).toEqual([
      [30, ['L1']],
      [50, ['L2']],
    ]);
  });

  it('takes the level of a level-by-level paragraph', () => {
    const { doc, sections, sentences } = buildDoc([
      { title: 'FINDINGS', name: 'findings', kind: 'findings', body: 'T12: 25% anterior wedging, chronic.' },
    ]);
    const s = sentences[0]!;
    s.levelLabel = { text: 'T12', start: s.start, end: s.start + 3 };
    s.text = s.text.slice(5);
    s.start += 5;
    const [m] = extractMeasurements(doc, sections, [s]);
    expect(m).toMatchObject({ kind: 'height_loss_percent', value: 25, levels: ['T12'] });
  });

  it('takes the one vertebra the sentence before names when its own sentence names none', () => {
    expect(
      hl('Compression deformity of the T7 vertebral body. There is approximately 25% loss of height.')[0],
    ).toMatchObject({ value: 25, levels: ['T7'] });
    // Not from another section, nor when the sentence before names several vertebrae or a disc level.
    const { doc, sections, sentences } = buildDoc([
      { title: 'HISTORY', name: 'history', kind: 'history', body: 'Fall onto the back, T9 tenderness.' },
      { title: 'FINDINGS', name: 'findings', kind: 'findings', body: 'There is 30% loss of height.' },
    ]);
    expect(extractMeasurements(doc, sections, sentences)[0]?.levels).toEqual([]);
    expect(hl('Wedging of T11 and T12. There is 20% anterior height loss.')[0]?.levels).toEqual([]);
    expect(hl('Disc bulge at L1-2. There is 20% loss of height.')[0]?.levels).toEqual([]);
  });

  it('does not read canal, disc or slip percentages as height loss', () => {
    expect(hl('Retropulsion causes 30% canal compromise.')).toEqual([]);
    expect(hl('Mild canal narrowing of 30%, and 20% loss of height of T12.').map((m) => m.value)).toEqual([
      20,
    ]);
    expect(hl('There is 50% loss of disc height at L4-5.')).toEqual([]);
    expect(hl('30% loss of height of the L4-5 disc space.')).toEqual([]);
    expect(hl('Grade 1 anterolisthesis of L4 on L5, approximately 20%.')).toEqual([]);
    expect(hl('Mild loss of height of L2 without retropulsion.')).toEqual([]);
    expect(hl('Disc protrusion measures 4 mm; 3T MRI; T2 hyperintensity at C5-6.')).toEqual([]);
  });
});
