import type { CaseDocument } from '../../src/case/merge.js';
import { CaseResult } from '../../src/facts/case-schema.js';
import { type GuidelineConfig, loadGuideline, runCase } from '../../src/guideline/index.js';

/** Run the guideline on hand-built documents, checking the result against the CaseResult schema. */
export function run(docs: CaseDocument[], config: GuidelineConfig = {}): CaseResult {
  const result = runCase(docs, { guideline: loadGuideline({ config }), caseId: 'test' });
  return CaseResult.parse(result);
}

export const recIds = (c: CaseResult): string[] => c.recommendations.map((r) => r.id);
export const warnCodes = (c: CaseResult): string[] => c.warnings.map((w) => w.code);
