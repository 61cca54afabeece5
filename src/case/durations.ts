/**
 * Symptom and conservative-treatment durations for the 6-week rule. Stated numbers come from the
 * extraction (symptom_duration_weeks, conservative_duration_weeks). A number stated in an earlier
 * note is carried forward to a later clinic note that still reports the problem, and a treatment
 * started in one clinic note and still in use in a later one gives a duration from the two dates.
 */
import type { CaseMeasurement, DurationFact, Evidence } from '../facts/case-schema.js';

const DAY_MS = 86_400_000;

export function weeksBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / (7 * DAY_MS);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

function measurementEvidence(rule: string, m: CaseMeasurement, note?: string): Evidence {
  return {
    rule,
    kind: m.kind,
    value: m.value,
    source: m.source,
    date: m.date,
    span: m.span,
    ...(note ? { note } : {}),
  };
}

/**
 * The longest of the stated durations of `kind`, each carried forward to `until` (the latest date at
 * which the problem or treatment is still reported) when both dates are known.
 */
export function statedDuration(
  measurements: readonly CaseMeasurement[],
  kind: string,
  until: string | null,
): DurationFact | null {
  let best: DurationFact | null = null;
  for (const m of measurements) {
    if (m.kind !== kind) continue;
    const gap = m.date !== null && until !== null ? weeksBetween(m.date, until) : 0;
    const fact: DurationFact =
      gap > 0
        ? {
            weeks: round1(m.value + gap),
            basis: 'projected',
            evidence: [
              measurementEvidence(
                'duration',
                m,
                `${m.value} weeks stated on ${m.date}, still reported on ${until}: ${round1(m.value + gap)} weeks`,
              ),
            ],
          }
        : { weeks: round1(m.value), basis: 'stated', evidence: [measurementEvidence('duration', m)] };
    if (best === null || fact.weeks > best.weeks) best = fact;
  }
  return best;
}

export interface DatedEvidence {
  date: string;
  evidence: Evidence;
}

/** Weeks from the first dated start of treatment to the last dated note that still reports it. */
export function inferredDuration(
  start: DatedEvidence | null,
  end: DatedEvidence | null,
): DurationFact | null {
  if (!start || !end) return null;
  const weeks = weeksBetween(start.date, end.date);
  if (!(weeks > 0)) return null;
  const w = round1(weeks);
  return {
    weeks: w,
    basis: 'inferred',
    evidence: [
      { ...start.evidence, note: `treatment started or in use on ${start.date}` },
      { ...end.evidence, note: `still reported on ${end.date}: ${w} weeks` },
    ],
  };
}

export function longer(a: DurationFact | null, b: DurationFact | null): DurationFact | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.weeks > a.weeks ? b : a;
}
