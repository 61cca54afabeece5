/**
 * A course told by two pain scores in one sentence: "2/10 now vs 7/10 at the start", "pain 3/10, was 8/10",
 * "from 8/10 to 3/10". A fall of at least `minPoints` (the NRS's minimal clinically important difference,
 * 2) is improvement, a rise as large is worsening, anything less is no change. Two scores of one visit ("6/10
 * at rest, 8/10 with activity") say nothing: only the linking words below (`course.scoreLinks` in
 * lexicons/guideline.json) order them in time.
 */
import type { Token } from '../text/tokenize.js';
import type { CourseClass } from './language.js';

export interface ScoreLinks {
  /** Words between two scores that make the second the earlier ("vs", "was", "from", "compared"). */
  earlier: readonly string[];
  /** Words between two scores that make the second the later, after "from" ("to", "->"). */
  later: readonly string[];
  minPoints: number;
}

interface Score {
  value: number;
  first: number;
  last: number;
}

/** "7/10", "7 / 10", "7 out of 10" (a 0-10 scale only). */
function scoresIn(tokens: readonly Token[], from: number, to: number): Score[] {
  const out: Score[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'number' || !/^\d{1,2}(?:\.\d)?$/.test(t.text)) continue;
    const slash = tokens[k + 1]?.text === '/' ? 1 : 0;
    const outOf = !slash && tokens[k + 1]?.lower === 'out' && tokens[k + 2]?.lower === 'of' ? 2 : 0;
    const ten = tokens[k + 1 + slash + outOf];
    if ((slash || outOf) && ten?.text === '10' && Number(t.text) <= 10) {
      out.push({ value: Number(t.text), first: k, last: k + 1 + slash + outOf });
      k += 1 + slash + outOf;
    }
  }
  return out;
}

export function scoreChange(
  tokens: readonly Token[],
  from: number,
  to: number,
  links: ScoreLinks,
): { cls: CourseClass; first: number; last: number } | null {
  const scores = scoresIn(tokens, from, to);
  if (scores.length !== 2) return null;
  const [a, b] = scores as [Score, Score];
  const between = tokens.slice(a.last + 1, b.first).map((t) => t.lower);
  const fromBefore = tokens.slice(Math.max(from, a.first - 2), a.first).some((t) => t.lower === 'from');
  let earlier: Score;
  let later: Score;
  if (fromBefore && between.some((w) => links.later.includes(w))) [earlier, later] = [a, b];
  else if (between.some((w) => links.earlier.includes(w))) [earlier, later] = [b, a];
  else return null;
  const fall = earlier.value - later.value;
  const cls: CourseClass =
    fall >= links.minPoints ? 'improving' : -fall >= links.minPoints ? 'worse' : 'notImproving';
  return { cls, first: a.first, last: b.last };
}
