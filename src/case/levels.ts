/**
 * Level comparison for merged facts. Levels arrive normalised by the extraction (`L4`, `L4-L5`), so a
 * segment overlaps itself and the two vertebrae that bound it; two different segments do not overlap.
 */

function parts(level: string): string[] {
  return level.includes('-') ? level.split('-') : [level];
}

export function levelOverlaps(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = parts(a);
  const pb = parts(b);
  // vertebra vs segment: the vertebra bounds the segment
  if (pa.length === 1 && pb.length === 2) return pb.includes(a);
  if (pb.length === 1 && pa.length === 2) return pa.includes(b);
  return false;
}

/**
 * "At an overlapping level, or with no level on either side" (contract, conflicting-facts): a side
 * without levels overlaps anything.
 */
export function levelsOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  // When both sides name segments, compare segments: a nerve root's vertebra ("the L5 root" with an L4-L5
  // protrusion) must not make the finding overlap the next segment (L5-S1).
  const segA = a.filter((x) => x.includes('-'));
  const segB = b.filter((x) => x.includes('-'));
  if (segA.length > 0 && segB.length > 0) return segA.some((x) => segB.includes(x));
  return a.some((x) => b.some((y) => levelOverlaps(x, y)));
}
