/**
 * Runs the guideline's rules over case facts: every triage rule is tried, the most pressing level
 * that fired wins, then recommendation and warning rules (which may look at the triage) are tried.
 * Each output carries its rule id, the guideline sentence, and `because` / `evidence`.
 */
import path from 'node:path';
import type {
  CaseFacts,
  Evidence,
  Recommendation,
  TriageLevel,
  TriageReason,
  Warning,
} from '../facts/case-schema.js';
import { type EvalContext, evaluate } from './conditions.js';
import type { Guideline } from './load.js';
import type { Params } from './schema.js';

export interface GuidelineOutcome {
  triage: TriageLevel;
  why: TriageReason[];
  recommendations: Recommendation[];
  warnings: Warning[];
  summary: string;
  caution: string | null;
}

/** `{name}` in rule text → the parameter's value. */
export function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name as keyof Params]) : whole,
  );
}

function dedupe(evidence: Evidence[], rule: string): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of evidence) {
    const key = [e.source, e.span?.start, e.span?.end, e.concept ?? e.kind, e.note ?? ''].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e.rule ? e : { ...e, rule });
  }
  return out;
}

function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 90 ? `"${t.slice(0, 87)}..."` : `"${t}"`;
}

/** One evidence item as a line a clinician can read. */
export function describeEvidence(e: Evidence): string {
  // The file name is enough to read by; the structured evidence keeps the path as given.
  const where = `${path.basename(e.source)}${e.date ? ` (${e.date})` : ''}`;
  let what: string;
  if (e.concept) {
    const levels = e.levels && e.levels.length > 0 ? ` at ${e.levels.join(', ')}` : '';
    what = `${e.concept} ${e.assertion ?? ''}${levels}`.replace(/\s+$/, '');
  } else if (e.kind?.startsWith('course:')) {
    what = `course ${e.kind.slice('course:'.length)}`;
  } else {
    what = `${e.kind ?? 'fact'}${e.value !== undefined ? ` = ${e.value}` : ''}`;
  }
  // A derived fact says how it was derived before the quote ("still reported on ...: 15 weeks").
  const note = e.note && !e.kind?.startsWith('course:') ? ` [${e.note}]` : '';
  const text = e.span ? `: ${quote(e.span.text)}` : '';
  return `${what}${note} in ${where}${text}`;
}

function explain(rule: { id: string; because: string }, evidence: Evidence[], params: Params) {
  const ev = dedupe(evidence, rule.id);
  return { because: [fill(rule.because, params), ...ev.map(describeEvidence)], evidence: ev };
}

export function evaluateGuideline(facts: CaseFacts, g: Guideline): GuidelineOutcome {
  const { spec, params } = g;
  const ctx: EvalContext = {
    facts,
    params,
    sets: spec.sets,
    lang: g.language,
    byConcept: new Map(facts.findings.map((f) => [f.concept, f])),
    triage: null,
    triageEvidence: [],
    fired: new Map(),
  };

  const firedRules: TriageReason[] = [];
  for (const rule of spec.triage) {
    const o = evaluate(rule.when, ctx);
    if (!o.ok) continue;
    const ex = explain(rule, o.evidence, params);
    ctx.fired.set(rule.id, ex.evidence);
    firedRules.push({ level: rule.level, rule: rule.id, guideline: rule.guideline, ...ex });
  }
  const triage =
    spec.triageOrder.find((level) => firedRules.some((r) => r.level === level)) ?? 'insufficient-data';
  const why = firedRules.filter((r) => r.level === triage);
  ctx.triage = triage;
  ctx.triageEvidence = why.flatMap((r) => r.evidence);

  const recommendations: Recommendation[] = [];
  for (const rule of spec.recommendations) {
    if (recommendations.some((r) => r.id === rule.emit)) continue;
    const o = evaluate(rule.when, ctx);
    if (!o.ok) continue;
    recommendations.push({
      id: rule.emit,
      text: fill(rule.text, params),
      rule: rule.id,
      guideline: rule.guideline,
      ...explain(rule, o.evidence, params),
    });
  }

  const warnings: Warning[] = [];
  for (const rule of spec.warnings) {
    if (warnings.some((w) => w.code === rule.emit)) continue;
    const o = evaluate(rule.when, ctx);
    if (!o.ok) continue;
    warnings.push({
      code: rule.emit,
      message: fill(rule.message, params),
      rule: rule.id,
      guideline: rule.guideline,
      ...explain(rule, o.evidence, params),
    });
  }

  const has = (code: string) => warnings.some((w) => w.code === code);
  const caution = has('imaging-only')
    ? spec.caution.imagingOnly
    : has('imaging-clinical-discordance')
      ? spec.caution.discordance
      : facts.hasImagingFindings
        ? spec.caution.imaging
        : null;
  const summary = `Triage ${triage}: ${why.map((r) => r.because[0]).join(' ')}`;
  return { triage, why, recommendations, warnings, summary, caution };
}
