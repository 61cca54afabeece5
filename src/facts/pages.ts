/** Page lookup shared by the stages that attach a page to a fact (measure, pipeline). */
import { lastStartingAtOrBefore } from '../util/spans.js';
import type { PageSpan } from './document.js';

/** Binary search (pages are sorted): a linear scan per mention is quadratic on a PDF of thousands of pages. */
export function pageAt(pages: PageSpan[] | null, offset: number): number | null {
  if (!pages || pages.length === 0) return null;
  const p = pages[lastStartingAtOrBefore(pages, offset)]!;
  return offset >= p.start && offset < p.end ? p.num : pages[pages.length - 1]!.num;
}
