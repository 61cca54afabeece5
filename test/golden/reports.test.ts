/**
 * Golden tests: every sample report against its hand-checked expected facts. Findings are compared as the
 * set of (concept, assertion) pairs, levels as the union per pair, measurements as (kind, value) pairs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';
import { extractText } from '../helpers/extractor.js';

interface Expected {
  documentType?: string;
  modality?: string | null;
  findings: { concept: string; assertion: string; levels?: string[]; severity?: string }[];
  measurements: { kind: string; value: number }[];
}

const dir = join(packageRoot(), 'samples', 'reports');
const samples = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('golden sample reports', () => {
  it('has at least 15 samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of samples) {
    describe(name, () => {
      const expected = JSON.parse(
        readFileSync(join(dir, name.replace(/\.txt$/, '.expected.json')), 'utf8'),
      ) as Expected;
      const result = extractText(readFileSync(join(dir, name), 'utf8'), name);

      it('finds exactly the expected concepts with their assertions', () => {
        const got = [...new Set(result.findings.map((f) => `${f.concept}/${f.assertion}`))].sort();
        const want = [...new Set(expected.findings.map((f) => `${f.concept}/${f.assertion}`))].sort();
        expect(got).toEqual(want);
      });

      it('attaches the expected levels', () => {
        for (const e of expected.findings) {
          const f = result.findings.find((x) => x.concept === e.concept && x.assertion === e.assertion);
          if (!f || e.levels === undefined) continue;
          expect({ finding: `${e.concept}/${e.assertion}`, levels: [...f.levels].sort() }).toEqual({
            finding: `${e.concept}/${e.assertion}`,
            levels: [...e.levels].sort(),
          });
        }
      });

      it('grades the stated severities', () => {
        for (const e of expected.findings) {
          if (!e.severity) continue;
          const f = result.findings.find((x) => x.concept === e.concept && x.assertion === e.assertion);
          expect({ finding: `${e.concept}/${e.assertion}`, severity: f?.severity }).toEqual({
            finding: `${e.concept}/${e.assertion}`,
            severity: e.severity,
          });
        }
      });

      it('reads the expected measurements', () => {
        const got = result.measurements.map((m) => `${m.kind}=${m.value}`).sort();
        const want = expected.measurements.map((m) => `${m.kind}=${m.value}`).sort();
        expect([...new Set(got)]).toEqual([...new Set(want)]);
      });

      it('classifies the document', () => {
        if (expected.documentType) expect(result.documentType).toBe(expected.documentType);
        if (expected.modality !== undefined) expect(result.modality).toBe(expected.modality);
      });

      it('links every fact to its source text', () => {
        const text = readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n');
        for (const f of result.findings) {
          for (const m of f.mentions) expect(text.slice(m.span.start, m.span.end)).toBe(m.span.text);
        }
        for (const m of result.measurements) expect(text.slice(m.span.start, m.span.end)).toBe(m.span.text);
      });
    });
  }
});
