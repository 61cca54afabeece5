/**
 * The `text` format of a CaseResult: one screen a clinician can read top to bottom — triage first,
 * then why, the recommendations, the warnings with the imaging caution in plain words, and the facts
 * with their sources.
 */
import path from 'node:path';
import {
  type CaseFacts,
  type CaseResult,
  type DurationFact,
  type Evidence,
  TRIAGE_LEVELS,
} from '../facts/case-schema.js';

const WIDTH = 100;
/** Reasons shown per item: the rule in words, then the first facts; the JSON has them all. */
const REASONS_PER_ITEM = 3;
const FACT_ROWS = 14;

const clip = (s: string, n: number): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function reasons(because: readonly string[], indent: string): string[] {
  const shown = because
    .slice(1, 1 + REASONS_PER_ITEM)
    .map((b) => `${indent}- ${clip(b, WIDTH - indent.length - 2)}`);
  const more = because.length - 1 - REASONS_PER_ITEM;
  if (more > 0) shown.push(`${indent}  (+${more} more in the JSON output)`);
  return shown;
}

function duration(d: DurationFact | null): string {
  return d ? `${d.weeks} weeks (${d.basis})` : 'unknown';
}

function factsTable(facts: CaseFacts): string[] {
  const lines: string[] = [];
  const rows = [...facts.findings]
    .filter((f) => f.active.length > 0)
    .sort((a, b) => rank(a.assertion) - rank(b.assertion) || a.category.localeCompare(b.category));
  lines.push(`  ${'concept'.padEnd(28)} ${'status'.padEnd(12)} ${'levels'.padEnd(18)} sources`);
  for (const f of rows.slice(0, FACT_ROWS)) {
    const status = f.conflict ? `${f.assertion}*` : f.assertion;
    const levels = f.levels.length > 0 ? clip(f.levels.join(','), 18) : '-';
    const sources = f.sources.map((s) => path.basename(s)).join(', ');
    lines.push(`  ${f.concept.padEnd(28)} ${status.padEnd(12)} ${levels.padEnd(18)} ${clip(sources, 40)}`);
  }
  if (rows.length > FACT_ROWS) lines.push(`  (+${rows.length - FACT_ROWS} more facts in the JSON output)`);
  if (rows.some((f) => f.conflict)) lines.push('  * documents disagree on this fact (see conflicting-facts)');
  const m = facts.measurements.map(
    (x) => `${x.kind} ${x.value}${x.max ? `/${x.max}` : ''} (${path.basename(x.source)})`,
  );
  if (m.length > 0) lines.push(`  measurements: ${clip(m.join('; '), WIDTH - 16)}`);
  lines.push(
    `  symptoms ${duration(facts.durations.symptom)} · conservative treatment ${duration(facts.durations.conservative)} · course ${facts.course.status}`,
  );
  const tried = facts.treatments.map(
    (t) => `${t.concept} ${t.status}${t.helped === null ? '' : t.helped ? ' (helped)' : ' (no help)'}`,
  );
  if (tried.length > 0) lines.push(`  treatments: ${clip(tried.join('; '), WIDTH - 14)}`);
  return lines;
}

function evidenceKey(e: Evidence): string {
  return `${e.source}\u0000${e.span?.start}\u0000${e.concept ?? e.kind}`;
}

const ORDER = ['present', 'possible', 'historical', 'absent', 'hypothetical', 'family'];
const rank = (a: string): number => ORDER.indexOf(a);

export function formatCaseText(c: CaseResult): string {
  const lines: string[] = [];
  const docs = c.documents
    .map((d) => `${path.basename(d.source)} (${[d.date, d.documentType].filter(Boolean).join(', ')})`)
    .join('; ');
  lines.push(`== CASE ${c.caseId} — ${c.documents.length} document(s)`);
  lines.push(`TRIAGE: ${c.triage.toUpperCase()}`);
  lines.push('Why:');
  for (const w of c.why) {
    lines.push(`  ${clip(w.because[0] ?? w.rule, WIDTH - 2)}`);
    lines.push(...reasons(w.because, '    '));
  }
  lines.push('Recommendations:');
  if (c.recommendations.length === 0) lines.push('  (none)');
  // A recommendation that follows from the triage alone repeats the "why" facts; show only its own.
  const whyKeys = new Set(c.why.flatMap((w) => w.evidence.map(evidenceKey)));
  for (const r of c.recommendations) {
    lines.push(`  • ${r.id}: ${clip(r.text, WIDTH - r.id.length - 6)}`);
    const own = r.evidence.findIndex((e) => !whyKeys.has(evidenceKey(e)));
    if (own >= 0) lines.push(`      - ${clip(r.because[own + 1] ?? '', WIDTH - 8)}`);
  }
  lines.push('Warnings:');
  if (c.caution) lines.push(`  CAUTION: ${c.caution}`);
  if (c.warnings.length === 0 && !c.caution) lines.push('  (none)');
  for (const w of c.warnings) {
    lines.push(`  ! ${w.code}: ${w.message}`);
    lines.push(...reasons(w.because, '      ').slice(0, 2));
  }
  lines.push('Facts:');
  lines.push(...factsTable(c.facts));
  lines.push(`Documents: ${docs}`);
  for (const d of c.documents)
    for (const e of d.errors) lines.push(`  ERROR ${d.source}: ${e.code}: ${e.message}`);
  return lines.join('\n');
}

/**
 * The batch summary for stderr: cases per triage level (and those that could not be evaluated, when there are
 * any), documents read and with errors.
 */
export function formatBatchSummary(
  cases: readonly CaseResult[],
  documents: number,
  withErrors: number,
  failedCases = 0,
): string {
  const per = TRIAGE_LEVELS.map((l) => `${l} ${cases.filter((c) => c.triage === l).length}`);
  if (failedCases > 0) per.push(`not evaluated ${failedCases} (internal error)`);
  const total = cases.length + failedCases;
  return `spinex: ${total} case(s): ${per.join(', ')}; ${documents} document(s) read, ${withErrors} with errors\n`;
}
