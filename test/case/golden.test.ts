/**
 * Golden cases: every folder of samples/cases run through the real extractor and the guideline,
 * checked against its expected.json (triage, required / forbidden recommendations and warnings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CaseDocument } from '../../src/case/merge.js';
import {
  RECOMMENDATION_IDS,
  RecommendationId,
  TRIAGE_LEVELS,
  TriageLevel,
  WARNING_CODES,
  WarningCode,
} from '../../src/facts/case-schema.js';
import { runCase } from '../../src/guideline/index.js';
import { readDocuments } from '../../src/ingest/index.js';
import { createExtractor } from '../../src/pipeline/index.js';

const ROOT = path.resolve(import.meta.dirname, '../../samples/cases');

const Expected = z
  .object({
    triage: TriageLevel,
    requiredRecommendations: z.array(RecommendationId),
    forbiddenRecommendations: z.array(RecommendationId),
    requiredWarnings: z.array(WarningCode),
    forbiddenWarnings: z.array(WarningCode),
  })
  .strict();

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const expected = (name: string) =>
  Expected.parse(JSON.parse(readFileSync(path.join(ROOT, name, 'expected.json'), 'utf8')));

describe('samples/cases expectations', () => {
  it('cover every triage level, recommendation id and warning code', () => {
    const all = cases.map(expected);
    expect(new Set(all.map((e) => e.triage))).toEqual(new Set(TRIAGE_LEVELS));
    expect(new Set(all.flatMap((e) => e.requiredRecommendations))).toEqual(new Set(RECOMMENDATION_IDS));
    expect(new Set(all.flatMap((e) => e.requiredWarnings))).toEqual(new Set(WARNING_CODES));
  });

  it('each case has 2-4 documents', () => {
    for (const name of cases) {
      const docs = readdirSync(path.join(ROOT, name)).filter((f) => f.endsWith('.txt'));
      expect(docs.length, name).toBeGreaterThanOrEqual(2);
      expect(docs.length, name).toBeLessThanOrEqual(4);
    }
  });
});

const extractor = await createExtractor();

describe('samples/cases through the real extractor', () => {
  for (const name of cases) {
    it(name, async () => {
      const docs: CaseDocument[] = [];
      for await (const doc of readDocuments([path.join(ROOT, name)])) {
        docs.push({ result: extractor.extract(doc), text: doc.text });
      }
      const c = runCase(docs, { caseId: name });
      const e = expected(name);
      const recs = c.recommendations.map((r) => r.id);
      const warns = c.warnings.map((w) => w.code);
      const got = { triage: c.triage, recs, warns, why: c.why.map((w) => w.rule) };
      expect(c.triage, JSON.stringify(got)).toBe(e.triage);
      for (const id of e.requiredRecommendations) expect(recs, `${name} requires ${id}`).toContain(id);
      for (const id of e.forbiddenRecommendations) expect(recs, `${name} forbids ${id}`).not.toContain(id);
      for (const code of e.requiredWarnings) expect(warns, `${name} requires ${code}`).toContain(code);
      for (const code of e.forbiddenWarnings) expect(warns, `${name} forbids ${code}`).not.toContain(code);
    });
  }
});
