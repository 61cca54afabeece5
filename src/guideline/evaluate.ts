/**
 * Runs the guideline's rules over case facts: every triage rule is tried, the most pressing level
 * that fired wins, then recommendation and warning rules (which may look at the triage) are tried.
 * Each output carries its rule id, the guideline sentence, and `because` / `evidence`.
 */
import path from 'node:path';
import { CaseReader } from '../case/reading.js';
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

/** Rule texts filled per parameter set: the same few dozen texts are filled for every case. */
const filledTexts = new WeakMap<Params, Map<string, string>>();

function filled(text: string, params: Params): string {
  let texts = filledTexts.get(params);
  if (!texts) {
    texts = new Map();
    filledTexts.set(params, texts);
  }
  let out = texts.get(text);
  if (out === undefined) {
    out = fill(text, params);
    texts.set(text, out);
  }
  return out;
}

/** Evidence lists this long are deduplicated by comparing items pairwise, longer ones through keys. */
const PAIRWISE_MAX = 16;

// A missing part compares as an empty string, as in the key.
const sameEvidence = (a: Evidence, b: Evidence): boolean =>
  a.source === b.source &&
  (a.span?.start ?? '') === (b.span?.start ?? '') &&
  (a.span?.end ?? '') === (b.span?.end ?? '') &&
  (a.concept ?? a.kind ?? '') === (b.concept ?? b.kind ?? '') &&
  (a.note ?? '') === (b.note ?? '');

const evidenceKey = (e: Evidence): string =>
  [e.source, e.span?.start, e.span?.end, e.concept ?? e.kind, e.note ?? ''].join('\u0000');

/** The first of each item with the same source, span, concept (or kind) and note, stamped with `rule`. */
function dedupe(evidence: readonly Evidence[], rule: string): Evidence[] {
  const out: Evidence[] = [];
  const stamp = (e: Evidence) => out.push(e.rule ? e : { ...e, rule });
  if (evidence.length <= PAIRWISE_MAX) {
    for (const e of evidence) if (!out.some((o) => sameEvidence(o, e))) stamp(e);
    return out;
  }
  const seen = new Set<string>();
  for (const e of evidence) {
    const key = evidenceKey(e);
    if (seen.has(key)) continue;
    seen.add(key);
    stamp(e);
  }
  return out;
}

const QUOTE_MAX = 90;
/** Enough of a long text to find the quote's first QUOTE_MAX + 1 characters in, unless it is mostly blank. */
const QUOTE_PREFIX = 4 * QUOTE_MAX;

/** Whether squeezing and trimming the spaces of `text` leaves it as it is (plain ASCII, single spaces). */
function alreadySqueezed(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 32 || text.charCodeAt(n - 1) === 32) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 ? text.charCodeAt(i + 1) === 32 : c < 33 || c > 126) return false;
  }
  return true;
}

function quote(text: string): string {
  if (text.length <= QUOTE_MAX && alreadySqueezed(text)) return `"${text}"`;
  // Evidence can quote a paragraph-long sentence: squeezing the spaces of all of it to keep 87 characters
  // is most of the work, so a long text is first tried on a prefix. When the prefix alone squeezes to
  // more than QUOTE_MAX characters the whole text does too, and it starts with the same characters.
  if (text.length > QUOTE_PREFIX) {
    const head = text.slice(0, QUOTE_PREFIX).replace(/\s+/g, ' ').trim();
    if (head.length > QUOTE_MAX) return `"${head.slice(0, QUOTE_MAX - 3)}..."`;
  }
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > QUOTE_MAX ? `"${t.slice(0, QUOTE_MAX - 3)}..."` : `"${t}"`;
}

const baseNames = new Map<string, string>();

/** `path.basename`, kept per source: a case's few sources are named in every line of evidence. */
function baseName(source: string): string {
  let name = baseNames.get(source);
  if (name === undefined) {
    name = path.basename(source);
    if (baseNames.size >= 10_000) baseNames.clear();
    baseNames.set(source, name);
  }
  return name;
}

/** One evidence item as a line a clinician can read. */
export function describeEvidence(e: Evidence): string {
  // The file name is enough to read by; the structured evidence keeps the path as given.
  const where = `${baseName(e.source)}${e.date ? ` (${e.date})` : ''}`;
  let what: string;
  if (e.concept) {
    const levels = e.levels && e.levels.length > 0 ? ` at ${e.levels.join(', ')}` : '';
    what = `${e.concept} ${e.assertion ?? ''}${levels}`;
    // only a text ending in something other than a visible ASCII character can end in spaces
    const last = what.charCodeAt(what.length - 1);
    if (!(last > 32 && last < 127)) what = what.replace(/\s+$/, '');
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

/**
 * Lines already written for a case, by evidence item: the reasons of the winning level come back as the
 * evidence of recommendations and warnings that look at the triage or at fired rules, the same objects
 * each time, and most of a case's evidence lines are such repeats.
 */
type Described = Map<Evidence, string>;

function because(
  rule: { because: string },
  evidence: readonly Evidence[],
  params: Params,
  described: Described,
): string[] {
  const out = [filled(rule.because, params)];
  for (const e of evidence) {
    let line = described.get(e);
    if (line === undefined) {
      line = describeEvidence(e);
      described.set(e, line);
    }
    out.push(line);
  }
  return out;
}

export function evaluateGuideline(
  facts: CaseFacts,
  g: Guideline,
  read: CaseReader = new CaseReader(g.language),
): GuidelineOutcome {
  const { spec, params } = g;
  const ctx: EvalContext = {
    facts,
    params,
    sets: spec.sets,
    read,
    byConcept: new Map(facts.findings.map((f) => [f.concept, f])),
    triage: null,
    triageEvidence: [],
    fired: new Map(),
    rule: '',
  };

  const described: Described = new Map();
  const firedRules: { rule: (typeof spec.triage)[number]; evidence: Evidence[] }[] = [];
  for (const rule of spec.triage) {
    ctx.rule = rule.id;
    const o = evaluate(rule.when, ctx);
    if (!o.ok) continue;
    const evidence = dedupe(o.evidence, rule.id);
    ctx.fired.set(rule.id, evidence);
    firedRules.push({ rule, evidence });
  }
  const triage =
    spec.triageOrder.find((level) => firedRules.some((r) => r.rule.level === level)) ?? 'insufficient-data';
  // only the reasons of the level that won are read, so only they are put into words
  const why: TriageReason[] = firedRules
    .filter((r) => r.rule.level === triage)
    .map(({ rule, evidence }) => ({
      level: rule.level,
      rule: rule.id,
      guideline: rule.guideline,
      because: because(rule, evidence, params, described),
      evidence,
    }));
  ctx.triage = triage;
  ctx.triageEvidence = [];
  for (const r of why) for (const e of r.evidence) ctx.triageEvidence.push(e);

  const recommendations: Recommendation[] = [];
  for (const rule of spec.recommendations) {
    if (recommendations.some((r) => r.id === rule.emit)) continue;
    ctx.rule = rule.id;
    const o = evaluate(rule.when, ctx);
    if (!o.ok) continue;
    const evidence = dedupe(o.evidence, rule.id);
    recommendations.push({
      id: rule.emit,
      text: filled(rule.text, params),
      rule: rule.id,
      guideline: rule.guideline,
      because: because(rule, evidence, params, described),
      evidence,
    });
  }

  const warnings: Warning[] = [];
  for (const rule of spec.warnings) {
    if (warnings.some((w) => w.code === rule.emit)) continue;
    ctx.rule = rule.id;
    const o = evaluate(rule.when, ctx);
    if (!o.ok) continue;
    const evidence = dedupe(o.evidence, rule.id);
    warnings.push({
      code: rule.emit,
      message: filled(rule.message, params),
      rule: rule.id,
      guideline: rule.guideline,
      because: because(rule, evidence, params, described),
      evidence,
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
