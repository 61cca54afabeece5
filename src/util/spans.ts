/** Binary searches over items sorted by `start` (sections, pages, tokens). */

/** Index of the last item starting at or before `offset` (0 when none does, or the list is empty). */
export function lastStartingAtOrBefore(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (items[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Index of the first item starting at or after `offset` (`items.length` when none does). `hint`, an index
 * near the answer (the last one, when items are asked for mostly in order), is searched outwards from first:
 * the search then stays on items just read instead of jumping across the whole list.
 */
export function firstStartingAtOrAfter(
  items: readonly { start: number }[],
  offset: number,
  hint = -1,
): number {
  const n = items.length;
  // the answer lies in (lo, hi]: items[lo] starts before offset (or lo is -1), items[hi] at or after it
  let lo = -1;
  let hi = n;
  if (hint >= 0 && hint < n) {
    let step = 1;
    if (items[hint]!.start < offset) {
      lo = hint;
      while (lo + step < n && items[lo + step]!.start < offset) {
        lo += step;
        step *= 2;
      }
      hi = Math.min(lo + step, n);
    } else {
      hi = hint;
      while (hi - step >= 0 && items[hi - step]!.start >= offset) {
        hi -= step;
        step *= 2;
      }
      lo = Math.max(hi - step, -1);
    }
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.start < offset) lo = mid;
    else hi = mid;
  }
  return hi;
}
