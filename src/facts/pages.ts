/** Page lookup shared by the stages that attach a page to a fact (measure, pipeline). */
import type { PageSpan } from './document.js';

/** Binary search (pages are sorted): a linear scan per mention is quadratic on a PDF of thousands of pages. */
export function pageAt(pages: PageSpan[] | null, offset: number): number | null {
  if (!pages || pages.length === 0) return null;
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pages[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const p = pages[lo]!;
  return offset >= p.start && offset < p.end ? p.num : pages[pages.length - 1]!.num;
}
