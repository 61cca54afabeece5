/**
 * The guideline's conclusion as one ClinicalImpression: R4's record of "a clinical assessment performed to
 * determine what problems affect the patient before planning management". The triage is its coded first
 * finding with the reasons as basis, each fact a triage rule used is a finding pointing at its Condition or
 * Observation, the guideline is its protocol, and recommendations and warnings are its notes.
 *
 * RiskAssessment + DetectedIssue was the alternative: RiskAssessment predicts the probability of outcomes
 * (a triage level is a decision, not a predicted outcome), DetectedIssue is for problems with a proposed
 * action (drug interactions, duplicate therapy) rather than caveats about the evidence, and neither has a
 * place for recommendations beyond one free-text `mitigation`.
 */
import type {
  ClinicalImpression,
  ClinicalImpressionFinding,
  Condition,
  Observation,
  Patient,
  Reference,
} from '@medplum/fhirtypes';
import type { CaseResult, Evidence } from '../../facts/case-schema.js';
import { ref, SPINEX, stableUuid } from './ids.js';
import type { BundleContext } from './resources.js';

/**
 * Finds the Condition or Observation a piece of evidence points at (a finding item may reference only
 * those); a treatment or a derived fact stays a text item.
 */
export type EvidenceResolver = (e: Evidence) => Reference<Condition | Observation> | null;

function latestDate(c: CaseResult): string | null {
  let best: string | null = null;
  for (const d of c.documents) if (d.date && (best === null || d.date > best)) best = d.date;
  return best;
}

function because(lines: string[]): string {
  return lines.join(' ');
}

export function clinicalImpression(
  ctx: BundleContext,
  c: CaseResult,
  resolve: EvidenceResolver,
  supporting: Reference[],
): ClinicalImpression {
  const findings: ClinicalImpressionFinding[] = [
    {
      itemCodeableConcept: {
        coding: [{ system: SPINEX.triage, code: c.triage, display: `Triage: ${c.triage}` }],
        text: `Triage: ${c.triage}`,
      },
      basis: c.why.length ? c.why.map((w) => because(w.because)).join(' | ') : c.summary,
    },
  ];
  const seen = new Set<string>();
  for (const w of c.why) {
    w.evidence.forEach((e, i) => {
      const target = resolve(e);
      const line = w.because[i + 1] ?? w.because[0] ?? w.rule;
      const key = `${target?.reference ?? line}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push(
        target ? { itemReference: target, basis: line } : { itemCodeableConcept: { text: line } },
      );
    });
  }
  const notes = [
    ...c.recommendations.map((r) => `Recommendation ${r.id}: ${r.text} Because: ${because(r.because)}`),
    ...c.warnings.map((w) => `Warning ${w.code}: ${w.message} Because: ${because(w.because)}`),
  ];
  const date = latestDate(c);
  return {
    resourceType: 'ClinicalImpression',
    id: stableUuid(ctx.seed, 'impression'),
    status: 'completed',
    code: { text: 'Spine guideline triage (spondylosis / vertebral height loss)' },
    ...(c.caution ? { description: c.caution } : {}),
    subject: ref<Patient>(ctx.patientId, 'Patient'),
    ...(date ? { effectiveDateTime: date } : {}),
    protocol: [`${SPINEX.guideline}:${c.guidelineVersion}`],
    summary: c.summary,
    finding: findings,
    ...(supporting.length ? { supportingInfo: supporting } : {}),
    ...(notes.length ? { note: notes.map((text) => ({ text })) } : {}),
  };
}
