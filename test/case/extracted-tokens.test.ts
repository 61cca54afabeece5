/**
 * The extractor hands its whole-document tokens to the case stage (`extractForCase`), which then reads
 * sentences as ranges of them. They must be exactly what the case stage would cut itself, and every case
 * must come out the same with them as without.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGuideline, runCase } from '../../src/guideline/index.js';
import { createExtractorSync } from '../../src/pipeline/index.js';
import { tokenize } from '../../src/text/tokenize.js';
import { packageRoot } from '../../src/util/package-root.js';

const extractor = createExtractorSync();
const guideline = loadGuideline();
const CASES = path.join(packageRoot(), 'samples', 'cases');

describe('the extractor hands its tokens to the case stage', () => {
  it('keeps the text and tokenize(text) with the same result as extract', () => {
    const text =
      'FINDINGS: Mild loss of height of the L2 vertebral body.\nNo canal stenosis. Degen-\nerative change.';
    const doc = { source: 'r.txt', text, pages: null, errors: [] };
    const kept = extractor.extractForCase(doc);
    expect(kept.result).toEqual(extractor.extract(doc));
    expect(kept.text).toBe(text);
    expect(kept.tokens).toEqual(tokenize(text));
  });

  it('gives every sample case the same result with the tokens as without', () => {
    let cases = 0;
    for (const dir of readdirSync(CASES)) {
      const files = readdirSync(path.join(CASES, dir)).filter((f) => f.endsWith('.txt'));
      const kept = files.map((f) => {
        const text = readFileSync(path.join(CASES, dir, f), 'utf8');
        return extractor.extractForCase({ source: f, text, pages: null, errors: [] });
      });
      expect(kept.every((d) => d.tokens !== undefined)).toBe(true);
      const without = kept.map(({ result, text }) => ({ result, text }));
      expect(runCase(kept, { caseId: dir, guideline })).toEqual(runCase(without, { caseId: dir, guideline }));
      cases++;
    }
    expect(cases).toBeGreaterThan(10);
  });
});
