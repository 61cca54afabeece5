/**
 * The guideline stage's public face: documents of one patient in, a CaseResult out.
 */
import { buildCaseFacts } from '../case/build.js';
import { type GroupBy, groupDocuments, orderDocuments, singleCaseId } from '../case/group.js';
import type { CaseDocument } from '../case/merge.js';
import { CaseReader } from '../case/reading.js';
import {
  CASE_SCHEMA_VERSION,
  type CaseResult,
  TRIAGE_LEVELS,
  type TriageLevel,
} from '../facts/case-schema.js';
import type { DocumentResult } from '../facts/schema.js';
import { toolVersion } from '../util/version.js';
import { evaluateGuideline } from './evaluate.js';
import { type Guideline, loadGuideline } from './load.js';

export { describeEvidence, evaluateGuideline, type GuidelineOutcome } from './evaluate.js';
export { compileGuideline, type Guideline, loadGuideline, readGuidelineConfig } from './load.js';
export { GuidelineConfig, GuidelineSpec, type Params } from './schema.js';

/**
 * The text, when a caller attached it, stays out of the case output (it is in the documents' files).
 * A plain copy is the usual case and much cheaper than a copy that leaves a property out.
 */
function withoutText(r: DocumentResult): Omit<DocumentResult, 'text'> {
  if (!Object.hasOwn(r, 'text')) return { ...r };
  const { text: _text, ...rest } = r;
  return rest;
}

/** One case from its documents (any order; they are put in date-then-name order here). */
export function runCase(
  docs: readonly CaseDocument[],
  opts: { caseId?: string; guideline?: Guideline } = {},
): CaseResult {
  const g = opts.guideline ?? loadGuideline();
  const ordered = orderDocuments(docs);
  const results = ordered.map((d) => d.result);
  const read = new CaseReader(g.language, ordered);
  const facts = buildCaseFacts(ordered, g.language, g.spec.language, g.settings, read);
  const outcome = evaluateGuideline(facts, g, read);
  return {
    schemaVersion: CASE_SCHEMA_VERSION,
    toolVersion: toolVersion(),
    caseId: opts.caseId ?? singleCaseId(results),
    sources: results.map((r) => r.source),
    triage: outcome.triage,
    summary: outcome.summary,
    caution: outcome.caution,
    why: outcome.why,
    recommendations: outcome.recommendations,
    warnings: outcome.warnings,
    facts,
    documents: results.map(withoutText),
    guidelineVersion: g.spec.version,
  };
}

/** One case per group (`dir`, `patient-id` or `file`). */
export function runCases(
  docs: readonly CaseDocument[],
  groupBy: GroupBy,
  guideline?: Guideline,
): CaseResult[] {
  const g = guideline ?? loadGuideline();
  return groupDocuments(docs, groupBy).map((grp) =>
    runCase(grp.documents, { caseId: grp.caseId, guideline: g }),
  );
}

/** A case "reaches" a level when its triage is that level or a more pressing one (`--fail-on`). */
export function reaches(triage: TriageLevel, level: TriageLevel): boolean {
  return TRIAGE_LEVELS.indexOf(triage) <= TRIAGE_LEVELS.indexOf(level);
}
