/**
 * The condition types rules are written in. Each returns whether it holds and the facts (with their
 * source spans) that made it hold, so every output can say `because`.
 */
import { levelsOverlap } from '../case/levels.js';
import { severityRank } from '../case/merge.js';
import type { CaseReader } from '../case/reading.js';
import type {
  CaseFacts,
  CaseFinding,
  CaseMeasurement,
  CaseMention,
  Evidence,
  TriageLevel,
} from '../facts/case-schema.js';
import type { ConceptCondition, Concepts, Condition, NumberRef, Op, Params } from './schema.js';

export interface EvalContext {
  facts: CaseFacts;
  params: Params;
  sets: Record<string, string[]>;
  /** The case's sentences, read once for the case stage and again here. */
  read: CaseReader;
  byConcept: Map<string, CaseFinding>;
  triage: TriageLevel | null;
  triageEvidence: Evidence[];
  fired: Map<string, Evidence[]>;
  /**
   * The id of the rule being tried. Evidence a condition finds is made with it in place, so the rule's
   * deduplication, which stamps unstamped items with the rule's id, has nothing left to copy.
   */
  rule: string;
}

export interface Outcome {
  ok: boolean;
  evidence: Evidence[];
}

const NO: Outcome = { ok: false, evidence: [] };
const yes = (evidence: Evidence[] = []): Outcome => ({ ok: true, evidence });
/** Facts from the case stage carry a provenance label as `rule`; the rule that uses them replaces it. */
const restamped = (evidence: readonly Evidence[], rule: string): Evidence[] =>
  evidence.map((e) => ({ ...e, rule }));
/** Enough mentions per concept to show where it is said, not every repetition. */
const MENTIONS_PER_CONCEPT = 3;
const PRESENT: readonly string[] = ['present'];

type ConceptList = (sets: Record<string, string[]>) => string[];

/** The concepts of a condition: listed, or a `@set` looked up in the guideline's sets. */
function conceptList(c: Concepts): ConceptList {
  if (typeof c !== 'string') return () => c;
  const name = c.slice(1);
  return (sets) => sets[name] ?? [];
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

export function mentionEvidence(f: CaseFinding, m: CaseMention, rule = ''): Evidence {
  return m.levels.length > 0
    ? {
        rule,
        concept: f.concept,
        assertion: m.assertion,
        levels: m.levels,
        source: m.source,
        date: m.date,
        span: m.span,
      }
    : { rule, concept: f.concept, assertion: m.assertion, source: m.source, date: m.date, span: m.span };
}

function mentionMatches(c: ConceptCondition, m: CaseMention, ctx: EvalContext): boolean {
  if (m.superseded || !(c.assertions ?? PRESENT).includes(m.assertion)) return false;
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
    if (!ctx.read.course(m.source, m.sentence).some((s) => wanted.includes(s.cls))) return false;
  }
  return true;
}

function concept(c: ConceptCondition, ids: ConceptList, ctx: EvalContext): Outcome {
  const evidence: Evidence[] = [];
  let count = 0;
  for (const id of ids(ctx.sets)) {
    const f = ctx.byConcept.get(id);
    if (!f || (c.multilevel !== undefined && f.multilevel !== c.multilevel)) continue;
    let shown = 0;
    for (const m of f.mentions) {
      if (!mentionMatches(c, m, ctx)) continue;
      evidence.push(mentionEvidence(f, m, ctx.rule));
      if (++shown === MENTIONS_PER_CONCEPT) break;
    }
    if (shown > 0) count++;
  }
  return count >= (c.minCount ?? 1) ? yes(evidence) : NO;
}

function counting(ids: string[], assertions: readonly string[], ctx: EvalContext) {
  const out: { f: CaseFinding; m: CaseMention }[] = [];
  for (const id of ids) {
    const f = ctx.byConcept.get(id);
    if (!f) continue;
    for (const m of f.mentions)
      if (!m.superseded && assertions.includes(m.assertion) && m.levels.length > 0) out.push({ f, m });
  }
  return out;
}

/** Two mentions that name one level alike ("of C6" and "at C6"; not "at C5-C6", the next segment). */
function sameLevel(a: CaseMention, b: CaseMention): boolean {
  return a.levels.some((l) => b.levels.includes(l));
}

function summaryEvidence(ctx: EvalContext, pick: (f: CaseFinding) => boolean, limit: number): Evidence[] {
  const out: Evidence[] = [];
  for (const f of ctx.facts.findings) {
    if (!pick(f)) continue;
    const m = f.mentions.find(
      (x) => !x.superseded && (x.assertion === 'present' || x.assertion === 'possible'),
    );
    if (m) out.push(mentionEvidence(f, m, ctx.rule));
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
    // The care's own weeks, unless the symptoms under it counted instead (case/build.ts).
    const from =
      d.conservative && d.effectiveWeeks === d.conservative.weeks
        ? d.conservative
        : (d.symptom ?? d.conservative);
    return [d.effectiveWeeks, from?.evidence ?? []];
  }
  const fact = d[which];
  return [fact?.weeks ?? null, fact?.evidence ?? []];
}

type Check = (ctx: EvalContext) => Outcome;

/** Rule conditions compiled once per parsed guideline, so a case runs closures instead of a type dispatch. */
const compiled = new WeakMap<Condition, Check>();

export function evaluate(c: Condition, ctx: EvalContext): Outcome {
  let check = compiled.get(c);
  if (!check) {
    check = compile(c);
    compiled.set(c, check);
  }
  return check(ctx);
}

function compile(c: Condition): Check {
  if ('all' in c) {
    const parts = c.all.map(compile);
    return (ctx) => {
      const evidence: Evidence[] = [];
      for (const part of parts) {
        const o = part(ctx);
        if (!o.ok) return NO;
        for (const e of o.evidence) evidence.push(e);
      }
      return yes(evidence);
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compile);
    return (ctx) => {
      // every branch that holds gives its evidence
      let held = false;
      const evidence: Evidence[] = [];
      for (const part of parts) {
        const o = part(ctx);
        if (!o.ok) continue;
        held = true;
        for (const e of o.evidence) evidence.push(e);
      }
      return held ? yes(evidence) : NO;
    };
  }
  if ('not' in c) {
    const inner = compile(c.not);
    return (ctx) => (inner(ctx).ok ? NO : yes());
  }
  if ('concept' in c) {
    const ids = conceptList(c.concept);
    return (ctx) => concept(c, ids, ctx);
  }
  if ('colocated' in c) {
    const assertions = c.colocated.assertions ?? ['present'];
    const aIds = conceptList(c.colocated.a);
    const bIds = conceptList(c.colocated.b);
    const near = c.colocated.exact
      ? sameLevel
      : (a: CaseMention, b: CaseMention) => levelsOverlap(a.levels, b.levels);
    return (ctx) => {
      const as = counting(aIds(ctx.sets), assertions, ctx);
      const bs = counting(bIds(ctx.sets), assertions, ctx);
      for (const a of as) {
        const b = bs.find((x) => x.f.concept !== a.f.concept && near(a.m, x.m));
        if (b) return yes([mentionEvidence(a.f, a.m, ctx.rule), mentionEvidence(b.f, b.m, ctx.rule)]);
      }
      return NO;
    };
  }
  if ('measurement' in c) {
    return (ctx) => {
      const all = ctx.facts.measurements.filter((m) => m.kind === c.measurement);
      const pool = c.which === 'any' ? all : all.slice(-1);
      const target = resolveNumber(c.value, ctx.params);
      const hits = pool.filter((m) => compare(m.value, c.op, target));
      return hits.length > 0 ? yes(hits.map((m) => measurementEvidence(m, ctx.rule))) : NO;
    };
  }
  if ('measurementDrop' in c) return measurementChange(c.measurementDrop, c.by, -1);
  if ('measurementRise' in c) return measurementChange(c.measurementRise, c.by, 1);
  if ('duration' in c) {
    return (ctx) => {
      const [weeks, evidence] = durationEvidence(ctx, c.duration);
      return weeks !== null && compare(weeks, c.op, resolveNumber(c.weeks, ctx.params))
        ? yes(restamped(evidence, ctx.rule))
        : NO;
    };
  }
  if ('durationKnown' in c) {
    return (ctx) => {
      const known = ctx.facts.durations.symptom !== null || ctx.facts.durations.conservative !== null;
      return known === c.durationKnown ? yes() : NO;
    };
  }
  if ('course' in c) {
    return (ctx) =>
      c.course.includes(ctx.facts.course.status) ? yes(restamped(ctx.facts.course.evidence, ctx.rule)) : NO;
  }
  if ('treatment' in c) {
    const treatments = conceptList(c.treatment);
    return (ctx) => {
      const ids = treatments(ctx.sets);
      const hits = ctx.facts.treatments.filter(
        (t) =>
          ids.includes(t.concept) &&
          c.status.includes(t.status) &&
          (!c.helped || c.helped.includes(t.helped)) &&
          !(c.excludeListedOnly && t.listedOnly),
      );
      return hits.length > 0
        ? yes(
            restamped(
              hits.flatMap((t) => t.evidence.slice(0, MENTIONS_PER_CONCEPT)),
              ctx.rule,
            ),
          )
        : NO;
    };
  }
  if ('fact' in c) return (ctx) => fact(c.fact, ctx);
  if ('triage' in c)
    return (ctx) => (ctx.triage !== null && c.triage.includes(ctx.triage) ? yes(ctx.triageEvidence) : NO);
  // fired
  return (ctx) => {
    const hits = c.fired.filter((id) => ctx.fired.has(id));
    return hits.length > 0 ? yes(hits.flatMap((id) => ctx.fired.get(id) ?? [])) : NO;
  };
}

const setsAsSets = new WeakMap<Record<string, string[]>, Map<string, ReadonlySet<string>>>();

/** A named concept set as a Set, made once per guideline. */
function setOf(sets: Record<string, string[]>, name: string): ReadonlySet<string> {
  let byName = setsAsSets.get(sets);
  if (!byName) {
    byName = new Map();
    setsAsSets.set(sets, byName);
  }
  let set = byName.get(name);
  if (!set) {
    set = new Set(sets[name] ?? []);
    byName.set(name, set);
  }
  return set;
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
      const spine = setOf(ctx.sets, 'spineClinical');
      return f.hasSpineFinding
        ? yes(summaryEvidence(ctx, (x) => spine.has(x.concept) || x.category === 'imaging', 4))
        : NO;
    }
    case 'failedConservative':
      return f.failedConservative.length > 0 ? yes(restamped(f.failedConservative, ctx.rule)) : NO;
    case 'conflict':
      return f.conflicts.length > 0
        ? yes(
            f.conflicts.flatMap((k) => {
              const finding = ctx.byConcept.get(k.concept)!;
              return [
                mentionEvidence(finding, k.present, ctx.rule),
                mentionEvidence(finding, k.absent, ctx.rule),
              ];
            }),
          )
        : NO;
  }
}

/** A measurement as the evidence of the rule it fired. */
function measurementEvidence(m: CaseMeasurement, rule: string) {
  return { rule, kind: m.kind, value: m.value, source: m.source, date: m.date, span: m.span };
}

/**
 * The latest dated value of `kind` moved by at least `by` from the furthest value of a strictly earlier visit on
 * the same scale: down (`sign` -1, "the mJOA fell 2 points") or up (+1). Only dated values count: the order of
 * visits must be known, not guessed from file names.
 */
function measurementChange(kind: string, by: NumberRef, sign: 1 | -1): Check {
  return (ctx) => {
    const dated = ctx.facts.measurements.filter((m) => m.kind === kind && m.date !== null);
    if (dated.length < 2) return NO;
    let lastDate = dated[0]!.date!;
    for (const m of dated) if (m.date! > lastDate) lastDate = m.date!;
    // The latest visit's own value is the first it states ("mJOA 15 today; previously 13"), and of a change the
    // last ("fell from 15 at intake to 13 today": both values share the change's start).
    let latest = dated.find((m) => m.date === lastDate)!;
    for (const m of dated)
      if (
        m.date === lastDate &&
        m.source === latest.source &&
        m.span.start === latest.span.start &&
        m.span.end > latest.span.end
      )
        latest = m;
    let from: (typeof dated)[number] | null = null;
    for (const m of dated)
      if (
        m.date! < lastDate &&
        (m.max ?? null) === (latest.max ?? null) &&
        (!from || sign * (from.value - m.value) > 0)
      )
        from = m;
    if (!from || sign * (latest.value - from.value) < resolveNumber(by, ctx.params)) return NO;
    return yes([from, latest].map((m) => measurementEvidence(m, ctx.rule)));
  };
}
