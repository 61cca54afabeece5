/**
 * Same input, same bytes: results, CSV and FHIR do not depend on run, process state, or the order the
 * documents of a case are given in; findings come in text order.
 */
import { describe, expect, it } from 'vitest';
import { runCase } from '../../src/guideline/index.js';
import { evaluateCase, extractDocument, loadLexicons } from '../../src/index.js';
import { readDocuments } from '../../src/ingest/index.js';
import { caseRows, documentRows, formatCsv } from '../../src/output/csv.js';
import { caseBundle, documentBundle } from '../../src/output/fhir/index.js';
import { createExtractorSync } from '../../src/pipeline/index.js';
import { sampleCases, sampleDocuments } from '../output/samples.js';

async function freshRun(): Promise<string> {
  const ex = createExtractorSync();
  const parts: string[] = [];
  for await (const doc of readDocuments(['samples/reports', 'samples/pdf'])) {
    const r = ex.extract(doc);
    parts.push(JSON.stringify(r), formatCsv(documentRows(r)), JSON.stringify(documentBundle(r)));
  }
  return parts.join('\n');
}

describe('determinism', () => {
  it('gives byte-identical results, CSV and FHIR from two independent runs', async () => {
    const a = await freshRun();
    const b = await freshRun();
    expect(a.length).toBeGreaterThan(10_000);
    expect(b).toBe(a);
  });

  it('gives the same case whatever order its documents come in', async () => {
    const docs: { result: ReturnType<typeof extractDocument>; text: string }[] = [];
    const lexicons = loadLexicons();
    for await (const d of readDocuments(['samples/cases/surgical-failed-after-esi']))
      docs.push({ result: extractDocument(d, { lexicons }), text: d.text });
    expect(docs.length).toBeGreaterThan(1);
    const forward = runCase(docs, { caseId: 'x' });
    const backward = evaluateCase([...docs].reverse(), { caseId: 'x', lexicons });
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(JSON.stringify(caseBundle(backward))).toBe(JSON.stringify(caseBundle(forward)));
    expect(formatCsv(caseRows(backward))).toBe(formatCsv(caseRows(forward)));
  });

  it('orders findings and measurements by offset', async () => {
    for (const d of await sampleDocuments()) {
      const starts = d.findings.map((f) => f.span.start);
      expect(starts, d.source).toEqual([...starts].sort((x, y) => x - y));
      const ms = d.measurements.map((m) => m.span.start);
      expect(ms, d.source).toEqual([...ms].sort((x, y) => x - y));
      for (const f of d.findings) {
        const m = f.mentions.map((x) => x.span.start);
        expect(m).toEqual([...m].sort((x, y) => x - y));
      }
    }
  });

  it('gives every bundle resource the same id on every run, distinct across cases', async () => {
    const cases = await sampleCases();
    const ids = cases.map((c) => caseBundle(c).entry!.map((e) => e.fullUrl));
    expect(cases.map((c) => caseBundle(c).entry!.map((e) => e.fullUrl))).toEqual(ids);
    const all = ids.flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
