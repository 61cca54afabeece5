/**
 * The review page's public face: documents (with their text) in, one self-contained HTML page out.
 */
import { type GroupBy, groupDocuments } from '../case/group.js';
import type { CaseDocument } from '../case/merge.js';
import type { CaseResult } from '../facts/case-schema.js';
import { type Guideline, loadGuideline, runCase } from '../guideline/index.js';
import { runCaseGuarded } from '../output/case-failure.js';
import type { TextOf } from './case-section.js';
import { type ReviewPageOptions, renderReviewPage } from './page.js';

export type { TextOf } from './case-section.js';
export { esc } from './escape.js';
export { type HighlightedDocument, highlightDocument } from './highlight.js';
export { type ReviewPageOptions, renderReviewPage, sortCases } from './page.js';
export { renderTimeline } from './timeline.js';

/** Each document's text by source, from the documents as read (the text their spans point into). */
export function textsOf(docs: readonly CaseDocument[]): TextOf {
  const texts = new Map<string, string>();
  for (const d of docs) {
    const text = d.text ?? d.result.text;
    if (text !== undefined) texts.set(d.result.source, text);
  }
  return (source) => texts.get(source);
}

/**
 * Group the documents into cases, run the guideline on each and render the page. A case the guideline stage
 * cannot finish (a bug) is left off the page and its problem line returned in `failures`.
 */
export function buildReview(
  docs: readonly CaseDocument[],
  groupBy: GroupBy,
  opts: ReviewPageOptions & { guideline?: Guideline; debug?: boolean } = {},
): { html: string; cases: CaseResult[]; failures: string[] } {
  const { guideline, debug, ...page } = opts;
  const g = guideline ?? loadGuideline();
  const cases: CaseResult[] = [];
  const failures: string[] = [];
  for (const group of groupDocuments(docs, groupBy)) {
    const done = runCaseGuarded(
      runCase,
      group.documents,
      { caseId: group.caseId, guideline: g },
      (c) => c,
      !!debug,
    );
    if (done.ok) cases.push(done.result);
    else failures.push(done.failure);
  }
  return { html: renderReviewPage(cases, textsOf(docs), page), cases, failures };
}
