/**
 * The review page's public face: documents (with their text) in, one self-contained HTML page out.
 */
import type { GroupBy } from '../case/group.js';
import type { CaseDocument } from '../case/merge.js';
import type { CaseResult } from '../facts/case-schema.js';
import { type Guideline, runCases } from '../guideline/index.js';
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

/** Group the documents into cases, run the guideline on each and render the page. */
export function buildReview(
  docs: readonly CaseDocument[],
  groupBy: GroupBy,
  opts: ReviewPageOptions & { guideline?: Guideline } = {},
): { html: string; cases: CaseResult[] } {
  const { guideline, ...page } = opts;
  const cases = runCases(docs, groupBy, guideline);
  return { html: renderReviewPage(cases, textsOf(docs), page), cases };
}
