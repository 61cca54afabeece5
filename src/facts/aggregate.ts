/**
 * Facts: fold mentions into one Finding per (concept, assertion), as the contract's document-level view,
 * keeping every mention with its own span, sentence, levels and cues for review.
 */
import { regionOfLevel, sortLevels } from '../match/anatomy.js';
import type { ConceptDef } from '../match/lexicon.js';
import { genantSeverity } from '../measure/scores.js';
import type { Acuity, Finding, Measurement, Mention, Region, Severity } from './schema.js';

export interface MentionWithConcept extends Mention {
  concept: ConceptDef;
  region: Region[];
  multilevel: boolean;
  acuity: Acuity | null;
}

/** Concepts a stated height-loss percentage describes. */
const HEIGHT_LOSS_CONCEPTS = new Set(['vertebral_height_loss', 'compression_fracture']);

const SEVERITY_RANK: Record<Severity, number> = { minimal: 0, mild: 1, moderate: 2, severe: 3 };

/** Genant semiquantitative grade from percent height loss (Genant 1993: <20 → 0, 20–25 → 1, 25–40 → 2, >40 → 3). */
export function genantGrade(percent: number): number {
  if (percent < 20) return 0;
  if (percent <= 25) return 1;
  if (percent <= 40) return 2;
  return 3;
}

function codesFor(concept: ConceptDef, regions: Region[]): Finding['codes'] {
  const out: Finding['codes'] = [...(concept.codes ?? [])];
  if (concept.codesByRegion) {
    const keys = regions.length === 1 ? [regions[0]!] : regions.length === 0 ? ['unspecified'] : regions;
    for (const k of keys) out.push(...(concept.codesByRegion[k] ?? []));
  }
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.system + c.code) && seen.add(c.system + c.code));
}

/**
 * The earliest of `sorted` (by span start) lying inside the sentence of one of `group`: a binary search per
 * mention, since comparing every percentage with every mention is quadratic on a long document.
 */
function firstInSentences(sorted: Measurement[], group: MentionWithConcept[]): Measurement | undefined {
  let best = -1;
  for (const m of group) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.span.start < m.sentence.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < sorted.length && sorted[k]!.span.start <= m.sentence.end; k++) {
      if (sorted[k]!.span.end <= m.sentence.end) {
        if (best === -1 || k < best) best = k;
        break;
      }
    }
  }
  return best === -1 ? undefined : sorted[best];
}

/** The contract's fields of a mention, in schema order (an object rest would copy them slowly, one by one). */
function mentionOf(m: MentionWithConcept): Mention {
  const { span, sentence, section, sectionTitle, page, levels, severity, modifiers, assertion, cues } = m;
  return { span, sentence, section, sectionTitle, page, levels, severity, modifiers, assertion, cues };
}

export function aggregateFindings(mentions: MentionWithConcept[], measurements: Measurement[]): Finding[] {
  const groups = new Map<string, MentionWithConcept[]>();
  for (const m of [...mentions].sort((a, b) => a.span.start - b.span.start)) {
    const key = `${m.concept.id}\u0000${m.assertion}`;
    const g = groups.get(key);
    if (g) g.push(m);
    else groups.set(key, [m]);
  }
  const byStart = (kind: Measurement['kind']) =>
    measurements.filter((x) => x.kind === kind).sort((a, b) => a.span.start - b.span.start);
  const heightLoss = byStart('height_loss_percent');
  const genant = byStart('genant_grade');
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const concept = first.concept;
    const levels = sortLevels(group.flatMap((m) => m.levels));
    const region = new Set<Region>(levels.flatMap(regionOfLevel));
    if (region.size === 0) for (const m of group) for (const r of m.region) region.add(r);
    let severity: Severity | null = null;
    for (const m of group) {
      if (m.severity && (severity === null || SEVERITY_RANK[m.severity] > SEVERITY_RANK[severity]))
        severity = m.severity;
    }
    // A stated percentage or Genant grade in the same sentence as a height-loss or fracture mention is that
    // finding's. A stated grade is the radiologist's reading and wins over one derived from the percentage.
    const heightFinding = HEIGHT_LOSS_CONCEPTS.has(concept.id);
    const pct = heightFinding ? firstInSentences(heightLoss, group) : undefined;
    const grade = heightFinding && genant.length ? firstInSentences(genant, group) : undefined;
    if (severity === null && grade) severity = genantSeverity(grade.value);
    findings.push({
      concept: concept.id,
      label: concept.label,
      category: concept.category,
      assertion: first.assertion,
      modifiers: first.modifiers,
      levels,
      region: [...region].sort(),
      multilevel: group.some((m) => m.multilevel) || levels.length >= 2,
      severity,
      acuity: group.find((m) => m.acuity)?.acuity ?? null,
      percent: pct ? pct.value : null,
      genantGrade: grade ? grade.value : pct ? genantGrade(pct.value) : null,
      section: first.section,
      span: first.span,
      sentence: first.sentence.text,
      page: first.page,
      cues: first.cues,
      codes: codesFor(concept, [...region]),
      mentions: group.map(mentionOf),
    });
  }
  return findings.sort((a, b) => a.span.start - b.span.start || a.concept.localeCompare(b.concept));
}
