import { describe, expect, it } from 'vitest';
import { createSectionDetector, loadSectionLexicon } from '../../src/sections/index.js';
import { createSentenceSplitter, loadSentenceLexicon, wordAtEnd } from '../../src/sentences/index.js';
import { LEXICONS } from '../helpers/lexicons.js';
import { rng } from '../helpers/random.js';

const detector = createSectionDetector(loadSectionLexicon(LEXICONS));
const splitter = createSentenceSplitter(loadSentenceLexicon(LEXICONS));
const split = (text: string) => splitter.split(text, detector.detect(text));
const texts = (text: string) => split(text).map((s) => s.text);

describe('sentences', () => {
  it('keeps abbreviations, decimals and list markers inside sentences', () => {
    expect(
      texts(
        'FINDINGS: Protrusion measures approx. 4.5 mm. It contacts the L5 root. Dr. Lee vs. Dr. Ng reviewed.',
      ),
    ).toEqual([
      'Protrusion measures approx. 4.5 mm.',
      'It contacts the L5 root.',
      'Dr. Lee vs. Dr. Ng reviewed.',
    ]);
  });

  it('reads a query mark before its word as part of the sentence, and one after a word as an end', () => {
    expect(texts('Assessment: ? UTI, urine sent for culture. L1 ? fracture, CT advised.')).toEqual([
      '? UTI, urine sent for culture.',
      'L1 ? fracture, CT advised.',
    ]);
    expect(texts('HPI: Any bladder leakage? She says no.')).toEqual(['Any bladder leakage?', 'She says no.']);
  });

  it('splits numbered impressions, inline or one per line', () => {
    expect(texts('IMPRESSION: 1. Mild L2 height loss. 2. Multilevel spondylosis.\n3. No stenosis.')).toEqual([
      '1. Mild L2 height loss.',
      '2. Multilevel spondylosis.',
      '3. No stenosis.',
    ]);
  });

  it('joins wrapped lines and splits lines that start anew', () => {
    expect(
      texts('FINDINGS:\nBroad-based bulge at L4-5 mildly narrowing\nthe left foramen\nNo fracture'),
    ).toEqual(['Broad-based bulge at L4-5 mildly narrowing\nthe left foramen', 'No fracture']);
  });

  it('carries a level label to every sentence of its paragraph', () => {
    const s = split(
      'FINDINGS:\nL3-4: Mild bulge. No stenosis.\nL4/5: Facet arthropathy.\n\nThe conus is normal.',
    );
    expect(s.map((x) => [x.text, x.levelLabel?.text ?? null])).toEqual([
      ['L3-4: Mild bulge.', 'L3-4'],
      ['No stenosis.', 'L3-4'],
      ['L4/5: Facet arthropathy.', 'L4/5'],
      ['The conus is normal.', null],
    ]);
  });

  it('carries an "At L4-5," opener along its line, until another level or the other levels', () => {
    const s = split(
      'FINDINGS:\nAt L4-5, there is a broad protrusion. The canal is moderately narrowed. At this level the ' +
        'left foramen is severe. Mild facet arthropathy at L5-S1. The thecal sac is effaced.\n' +
        'The conus is normal.\n' +
        'At the L3-4 level there is a bulge. The remaining discs are normal. The foramina are patent.',
    );
    expect(s.map((x) => x.levelLabel?.text ?? null)).toEqual([
      'L4-5',
      'L4-5',
      'L4-5',
      null,
      null,
      null,
      'L3-4',
      null,
      null,
    ]);
  });

  it("keeps an opener's level past its own level, an MRI sequence or a nerve root named again", () => {
    const s = split(
      'FINDINGS: At L5-S1 there is a protrusion. The L5-S1 disc shows T2 hypointense signal. ' +
        'It contacts the S1 nerve root. There is mild foraminal narrowing.',
    );
    expect(s.map((x) => x.levelLabel?.text ?? null)).toEqual(['L5-S1', 'L5-S1', 'L5-S1', 'L5-S1']);
  });

  it('gives offsets into the original text', () => {
    const text = 'HISTORY: Back pain.\r\nIMPRESSION:  Mild spondylosis.  ';
    for (const s of split(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('bounds a pathological single line', () => {
    const line = 'disc bulge, '.repeat(20000);
    const s = split(line);
    expect(s.length).toBeGreaterThan(100);
    expect(s.reduce((m, x) => Math.max(m, x.text.length), 0)).toBeLessThanOrEqual(1500);
  });

  it('limits a label with text on its line to that line, but lets a label alone cover the lines below', () => {
    const inline = split('FINDINGS:\nL3-4: mild bulge, no canal stenosis.\nno listhesis.');
    expect(inline.map((x) => x.levelLabel?.text ?? null)).toEqual(['L3-4', null]);
    const alone = split('FINDINGS:\nL4-5:\nBroad bulge.\nMild facet arthropathy.');
    expect(alone.map((x) => x.levelLabel?.text ?? null)).toEqual(['L4-5', 'L4-5', 'L4-5']);
    const wrapped = split('FINDINGS:\nL4-5: Broad bulge with a left\nprotrusion. Mild canal stenosis.');
    expect(wrapped.map((x) => x.levelLabel?.text ?? null)).toEqual(['L4-5', 'L4-5']);
  });

  it('ends a sentence after a laterality letter but not after a name initial', () => {
    expect(texts('EXAM: Hoffmann negative on the L. Sustained clonus on the R.')).toEqual([
      'Hoffmann negative on the L.',
      'Sustained clonus on the R.',
    ]);
    expect(texts('PLAN: Discussed with Dr. J. Smith today.')).toEqual(['Discussed with Dr. J. Smith today.']);
  });

  it('ends a terse statement after a duration', () => {
    expect(texts('HISTORY: LBP x 6 mo. hx of L4-5 fusion.')).toEqual(['LBP x 6 mo.', 'hx of L4-5 fusion.']);
  });

  it('reads the word before a dot as its pattern did', () => {
    const next = rng(5);
    const chars = 'aZq./ 1-,éL';
    for (let n = 0; n < 5000; n++) {
      let s = '';
      const len = Math.floor(next() * 15);
      for (let k = 0; k < len; k++) s += chars[Math.floor(next() * chars.length)];
      expect(wordAtEnd(s), JSON.stringify(s)).toBe(/([A-Za-z][A-Za-z./]{0,11})$/.exec(s)?.[1]);
    }
  });
});
