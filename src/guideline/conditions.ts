/**
 * The condition types rules are written in. Each returns whether it holds and the facts (with their
 * source spans) that made it hold, so every output can say `because`.
 */
import type { CaseLanguage } from '../case/language.js';
import { levelsOverlap } from '../case/levels.js';
import { severityRank } from '../case/merge.js';
import type { CaseFacts, CaseFinding, CaseMention, Evidence, TriageLevel } from '../facts/case-schema.js';
import type { ConceptCondition, Concepts, Condition, NumberRef, Op, Params } from './schema.js';

export interface EvalContext {
  facts: CaseFacts;
  params: Params;
  sets: Record<string, string[]>;
  lang: CaseLanguage;
  byConcept: Map<string, CaseFinding>;
  triage: TriageLevel | null;
  triageEvidence: Evidence[];
  fired: Map<string, Evidence[]>;
}

export interface Outcome {
  ok: boolean;
  evidence: Evidence[];
}

const NO: Outcome = { ok: false, evidence: [] };
const yes = (evidence: Evidence[] = []): Outcome => ({ ok: true, evidence });
/** Facts from the case stage carry a provenance label as `rule`; the rule that uses them replaces it. */
const unstamped = (evidence: readonly Evidence[]): Evidence[] => evidence.map((e) => ({ ...e, rule: '' }));
/** Enough mentions per concept to show where it is said, not every repetition. */
const MENTIONS_PER_CONCEPT = 3;

export function resolveConcepts(c: Concepts, sets: Record<string, string[]>): string[] {
  return typeof c === 'string' ? (sets[c.slice(1)] ?? []) : c;
}

export function resolveNumber(v: NumberRef, params: Params): number {
  return typeof v === 'number' ? v : params[v.slice(1) as keyof Params];
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'eq':
      return a === b;
    case 'ge':
      return a >= b;
    case 'gt':
      return a > b;
  }
}

export function mentionEvidence(f: CaseFinding, m: CaseMention): Evidence {
  return {
    rule: '',
    concept: f.concept,
    assertion: m.assertion,
    ...(m.levels.length > 0 ? { levels: m.levels } : {}),
    source: m.source,
    date: m.date,
    span: m.span,
  };
}

function mentionMatches(c: ConceptCondition, m: CaseMention, ctx: EvalContext): boolean {
  if (m.superseded || !(c.assertions ?? ['present']).includes(m.assertion)) return false;
  if (
    c.ignoreSections &&
    m.documentType === c.ignoreSections.docType &&
    c.ignoreSections.sections.includes(m.section)
  )
    return false;
  const rank = severityRank(m.severity);
  if (c.minSeverity && rank < severityRank(c.minSeverity)) return false;
  if (c.maxSeverity && (m.severity === null || rank > severityRank(c.maxSeverity))) return false;
  if (c.excludeSeverity && m.severity !== null && c.excludeSeverity.includes(m.severity)) return false;
  if (c.sentenceCourse) {
    const wanted = c.sentenceCourse;
    if (!ctx.lang.course(m.sentence.text).some((s) => wanted.includes(s.cls))) return false;
  }
  return true;
}

function concept(c: ConceptCondition, ctx: EvalContext): Outcome {
  const evidence: Evidence[] = [];
  let count = 0;
  for (const id of resolveConcepts(c.concept, ctx.sets)) {
    const f = ctx.byConcept.get(id);
    if (!f || (c.multilevel !== undefined && f.multilevel !== c.multilevel)) continue;
    const ms = f.mentions.filter((m) => mentionMatches(c, m, ctx));
    if (ms.length === 0) continue;
    count++;
    for (const m of ms.slice(0, MENTIONS_PER_CONCEPT)) evidence.push(mentionEvidence(f, m));
  }
  return count >= (c.minCount ?? 1) ? yes(evidence) : NO;
}

function counting(ids: string[], assertions: readonly string[], ctx: EvalContext) {
  return ids.flatMap((id) => {
    const f = ctx.byConcept.get(id);
    if (!f) return [];
    return f.mentions
      .filter((m) => !m.superseded && assertions.includes(m.assertion) && m.levels.length > 0)
      .map((m) => ({ f, m }));
  });
}

function summaryEvidence(ctx: EvalContext, pick: (f: CaseFinding) => boolean, limit: number): Evidence[] {
  const out: Evidence[] = [];
  for (const f of ctx.facts.findings) {
    if (!pick(f)) continue;
    const m = f.mentions.find(
      (x) => !x.superseded && (x.assertion === 'present' || x.assertion === 'possible'),
    );
    if (m) out.push(mentionEvidence(f, m));
    if (out.length >= limit) break;
  }
  return out;
}

function durationEvidence(
  ctx: EvalContext,
  which: 'effective' | 'symptom' | 'conservative',
): [number | null, Evidence[]] {
  const d = ctx.facts.durations;
  if (which === 'effective') {
    const from = d.conservative ?? d.symptom;
    return [d.effectiveWeeks, from?.evidence ?? []];
  }
  const fact = d[which];
  return [fact?.weeks ?? null, fact?.evidence ?? []];
}

export function evaluate(c: Condition, ctx: EvalContext): Outcome {
  if ('all' in c) {
    const evidence: Evidence[] = [];
    for (const x of c.all) {
      const o = evaluate(x, ctx);
      if (!o.ok) return NO;
      evidence.push(...o.evidence);
    }
    return yes(evidence);
  }
  if ('any' in c) {
    const hits = c.any.map((x) => evaluate(x, ctx)).filter((o) => o.ok);
    return hits.length > 0 ? yes(hits.flatMap((o) => o.evidence)) : NO;
  }
  if ('not' in c) return evaluate(c.not, ctx).ok ? NO : yes();
  if ('concept' in c) return concept(c, ctx);
  if ('colocated' in c) {
    const assertions = c.colocated.assertions ?? ['present'];
    const as = counting(resolveConcepts(c.colocated.a, ctx.sets), assertions, ctx);
    const bs = counting(resolveConcepts(c.colocated.b, ctx.sets), assertions, ctx);
    for (const a of as) {
      const b = bs.find((x) => x.f.concept !== a.f.concept && levelsOverlap(a.m.levels, x.m.levels));
      if (b) return yes([mentionEvidence(a.f, a.m), mentionEvidence(b.f, b.m)]);
    }
    return NO;
  }
  if ('measurement' in c) {
    const all = ctx.facts.measurements.filter((m) => m.kind === c.measurement);
    const pool = c.which === 'any' ? all : all.slice(-1);
    const target = resolveNumber(c.value, ctx.params);
    const hits = pool.filter((m) => compare(m.value, c.op, target));
    return hits.length > 0
      ? yes(
          hits.map((m) => ({
            rule: '',
            kind: m.kind,
            value: m.value,
            source: m.source,
            date: m.date,
            span: m.span,
          })),
        )
      : NO;
  }
  if ('duration' in c) {
    const [weeks, evidence] = durationEvidence(ctx, c.duration);
    return weeks !== null && compare(weeks, c.op, resolveNumber(c.weeks, ctx.params))
      ? yes(unstamped(evidence))
      : NO;
  }
  if ('durationKnown' in c) {
    const known = ctx.facts.durations.symptom !== null || ctx.facts.durations.conservative !== null;
    return known === c.durationKnown ? yes() : NO;
  }
  if ('course' in c) {
    return c.course.includes(ctx.facts.course.status) ? yes(unstamped(ctx.facts.course.evidence)) : NO;
  }
  if ('treatment' in c) {
    const ids = resolveConcepts(c.treatment, ctx.sets);
    const hits = ctx.facts.treatments.filter(
      (t) =>
        ids.includes(t.concept) &&
        c.status.includes(t.status) &&
        (!c.helped || c.helped.includes(t.helped)) &&
        !(c.excludeListedOnly && t.listedOnly),
    );
    return hits.length > 0
      ? yes(unstamped(hits.flatMap((t) => t.evidence.slice(0, MENTIONS_PER_CONCEPT))))
      : NO;
  }
  if ('fact' in c) return fact(c.fact, ctx);
  if ('triage' in c)
    return ctx.triage !== null && c.triage.includes(ctx.triage) ? yes(ctx.triageEvidence) : NO;
  // fired
  const hits = c.fired.filter((id) => ctx.fired.has(id));
  return hits.length > 0 ? yes(hits.flatMap((id) => ctx.fired.get(id) ?? [])) : NO;
}

function fact(name: Extract<Condition, { fact: string }>['fact'], ctx: EvalContext): Outcome {
  const f = ctx.facts;
  switch (name) {
    case 'clinicDocument':
      return f.clinicDocuments > 0 ? yes() : NO;
    case 'mri':
      return f.hasMri ? yes() : NO;
    case 'imagingFindings':
      return f.hasImagingFindings ? yes(summaryEvidence(ctx, (x) => x.category === 'imaging', 5)) : NO;
    case 'spineFinding': {
      const spine = new Set(ctx.sets.spineClinical ?? []);
      return f.hasSpineFinding
        ? yes(summaryEvidence(ctx, (x) => spine.has(x.concept) || x.category === 'imaging', 4))
        : NO;
    }
    case 'failedConservative':
      return f.failedConservative.length > 0 ? yes(unstamped(f.failedConservative)) : NO;
    case 'conflict':
      return f.conflicts.length > 0
        ? yes(
            f.conflicts.flatMap((k) => {
              const finding = ctx.byConcept.get(k.concept)!;
              return [mentionEvidence(finding, k.present), mentionEvidence(finding, k.absent)];
            }),
          )
        : NO;
  }
}
