/**
 * CaseResult (shared/spec/contract.md, "CaseResult") as zod schemas: one patient's documents merged
 * into case facts and run through the guideline. The contract fields (caseId, sources, triage,
 * recommendations, warnings, facts, documents) are stable; everything else here is additive.
 *
 * `because` vs `evidence`: the contract shows `because` as a list of strings, and also asks that it
 * name the facts by concept/kind and source span. Both readers are served: `because` stays an array of
 * human-readable sentences (what a clinician reads), and `evidence` carries the same facts as
 * structured items (rule id, concept or kind, assertion, value, source, span offsets and text) for
 * tools. Every `because` line after the first corresponds to an `evidence` item.
 */
import { z } from 'zod';
import { Assertion, DocumentResult, Finding, Severity, Span } from './schema.js';

export const CASE_SCHEMA_VERSION = '1.0.0';

export const TRIAGE_LEVELS = [
  'urgent',
  'surgical-review',
  'second-line',
  'conservative',
  'insufficient-data',
] as const;
export const TriageLevel = z
  .enum(TRIAGE_LEVELS)
  .describe('Most pressing level that applies, in this order (urgent first).');
export type TriageLevel = z.infer<typeof TriageLevel>;

export const RECOMMENDATION_IDS = [
  'conservative-first-line',
  'physical-therapy',
  'pain-management',
  'activity-modification',
  'avoid-bed-rest',
  'avoid-aggressive-manipulation',
  'follow-up-4-6-weeks',
  'mri-without-contrast',
  'ct-if-mri-contraindicated',
  'oral-corticosteroids-short-course',
  'epidural-steroid-injection',
  'surgical-evaluation',
  'urgent-evaluation',
] as const;
export const RecommendationId = z
  .enum(RECOMMENDATION_IDS)
  .describe('Stable recommendation id (contract list).');
export type RecommendationId = z.infer<typeof RecommendationId>;

export const WARNING_CODES = [
  'imaging-only',
  'imaging-clinical-discordance',
  'mjoa-threshold-boundary',
  'duration-unknown',
  'conflicting-facts',
] as const;
export const WarningCode = z.enum(WARNING_CODES).describe('Stable warning code (contract list).');
export type WarningCode = z.infer<typeof WarningCode>;

export const Evidence = z
  .object({
    rule: z.string().describe('Id of the guideline rule this fact triggered.'),
    concept: z.string().optional().describe('Concept id, for a finding.'),
    kind: z.string().optional().describe('Measurement kind (or derived fact kind), for a number.'),
    assertion: Assertion.optional().describe('Assertion of the finding, for a finding.'),
    value: z.number().optional().describe('The number, for a measurement or a duration.'),
    levels: z.array(z.string()).optional().describe('Normalised levels of the fact, when it has any.'),
    source: z.string().describe('Document the fact comes from.'),
    date: z.string().nullable().optional().describe('Date of that document (ISO), when known.'),
    span: Span.nullable().describe('Where the fact is in that document; null for a fact derived from dates.'),
    note: z
      .string()
      .optional()
      .describe('How a derived fact was obtained (e.g. a duration inferred from dates).'),
  })
  .describe('One fact, with its source, that made a rule fire.');
export type Evidence = z.infer<typeof Evidence>;

const ruleOutput = {
  because: z
    .array(z.string())
    .describe('Human-readable reasons: the rule in plain words, then one line per triggering fact.'),
  evidence: z.array(Evidence).describe('The triggering facts as structured items (same facts as `because`).'),
  rule: z.string().describe('Id of the guideline rule that produced this item.'),
  guideline: z.string().describe('The guideline sentence (or contract clause) the rule implements.'),
};

export const Recommendation = z
  .object({
    id: RecommendationId,
    text: z.string().describe('The recommendation in plain words.'),
    ...ruleOutput,
  })
  .describe('A guideline recommendation that applies to this case.');
export type Recommendation = z.infer<typeof Recommendation>;

export const Warning = z
  .object({
    code: WarningCode,
    message: z.string().describe('The warning in plain words.'),
    ...ruleOutput,
  })
  .describe('A reason to read this case with care.');
export type Warning = z.infer<typeof Warning>;

export const TriageReason = z
  .object({
    level: TriageLevel.describe('Triage level this rule supports (the chosen level).'),
    ...ruleOutput,
  })
  .describe('A triage rule that fired at the chosen level.');
export type TriageReason = z.infer<typeof TriageReason>;

export const CaseMention = z
  .object({
    source: z.string().describe('Document the mention is in.'),
    date: z.string().nullable().describe('Date of that document (ISO), null when unknown.'),
    documentType: z
      .enum(['radiology', 'clinic', 'unknown'])
      .describe('Type of that document: radiology report, clinic note, or unknown.'),
    assertion: Assertion.describe('Assertion of this mention in its document.'),
    historical: z
      .boolean()
      .describe('The historical modifier was set (conflicts ignore historical mentions).'),
    levels: z.array(z.string()).describe('Normalised levels attached to this mention.'),
    severity: Severity.nullable().describe('Severity stated with this mention, or null.'),
    section: z.string().describe('Normalised section name of the mention.'),
    span: Span.describe('The matched phrase, with offsets into its document text.'),
    sentence: Span.describe('The sentence the mention is in.'),
    superseded: z
      .boolean()
      .describe(
        'A later-dated document says absent at an overlapping level, so this mention no longer counts.',
      ),
  })
  .describe('One supporting mention of a case fact, with its document.');
export type CaseMention = z.infer<typeof CaseMention>;

// The concept fields are the document Finding's, so the two outputs describe a concept the same way.
export const CaseFinding = Finding.pick({ concept: true, label: true, category: true })
  .extend({
    assertion: Assertion.describe(
      'Case-level assertion from the mentions that still count (present > possible > historical > absent > hypothetical > family).',
    ),
    active: z.array(Assertion).describe('Every assertion among the mentions that still count.'),
    levels: z.array(z.string()).describe('Union of levels over the mentions that still count.'),
    severity: Severity.nullable().describe('Most severe grade over present or possible mentions.'),
    multilevel: z.boolean().describe('Some document calls it multilevel, or two or more levels carry it.'),
    conflict: z.boolean().describe('Present in one document and absent in another (see warnings).'),
    sources: z.array(z.string()).describe('Documents that mention the concept.'),
    mentions: z.array(CaseMention).describe('Every mention of the concept, over all documents.'),
  })
  .describe('One concept across every document of the case.');
export type CaseFinding = z.infer<typeof CaseFinding>;

export const CaseMeasurement = z
  .object({
    kind: z.string().describe('Measurement kind (contract list, e.g. mjoa, pain_score).'),
    value: z.number().describe('Normalised value (weeks, percent, 0-10 pain, ...).'),
    max: z.number().nullable().optional().describe('Scale maximum where one applies (mJOA 18, JOA 17).'),
    source: z.string().describe('Document the value is stated in.'),
    date: z.string().nullable().describe('Date of that document (ISO), null when unknown.'),
    span: Span.describe('The matched phrase, with offsets into its document text.'),
  })
  .describe('A number stated for this patient in one document of the case.');
export type CaseMeasurement = z.infer<typeof CaseMeasurement>;

export const DurationFact = z
  .object({
    weeks: z.number().describe('Weeks, rounded to 0.1.'),
    basis: z
      .enum(['stated', 'projected', 'inferred'])
      .describe(
        '`stated` as written; `projected` a stated duration carried forward to a later document that still reports the problem; `inferred` from the dates of documents (treatment started in one, still in use in a later one).',
      ),
    evidence: z.array(Evidence).describe('The facts the duration comes from.'),
  })
  .describe('A duration in weeks with the facts it comes from.');
export type DurationFact = z.infer<typeof DurationFact>;

export const CourseStatus = z
  .enum(['improving', 'not-improving', 'worse', 'unknown'])
  .describe('Clinical course of the problem.');
export type CourseStatus = z.infer<typeof CourseStatus>;

export const TreatmentFact = z
  .object({
    concept: z.string().describe('Treatment concept id (e.g. physical_therapy, epidural_steroid_injection).'),
    status: z
      .enum(['tried', 'ordered', 'planned'])
      .describe(
        '`tried`: received or in use; `ordered`: prescribed or referred at a visit; `planned`: discussed for later.',
      ),
    helped: z
      .boolean()
      .nullable()
      .describe('From the course words of its sentences or a treatment_failure statement; null when unsaid.'),
    listedOnly: z
      .boolean()
      .describe(
        'Received only according to a medication list or past history (a standing prescription, perhaps for something else).',
      ),
    sources: z.array(z.string()).describe('Documents that mention the treatment.'),
    evidence: z.array(Evidence).describe('The mentions the status comes from.'),
  })
  .describe(
    'One treatment across the case: whether it was tried, ordered or planned, and whether it helped.',
  );
export type TreatmentFact = z.infer<typeof TreatmentFact>;

export const Conflict = z
  .object({
    concept: z.string().describe('Concept id the documents disagree on.'),
    present: CaseMention.describe('The mention that says present.'),
    absent: CaseMention.describe('The mention that says absent.'),
    preferred: z
      .enum(['present', 'absent', 'undecided'])
      .describe(
        'The later-dated document wins; `undecided` when dates do not order them (present then counts).',
      ),
  })
  .describe('One concept present in one document and absent in another, at an overlapping level.');
export type Conflict = z.infer<typeof Conflict>;

export const CaseFacts = z
  .object({
    documentCount: z.number().int().describe('Documents in the case.'),
    nonSpineStudies: z
      .array(z.string())
      .describe(
        'Imaging reports that are not of the spine (no level, region or spine word): their imaging findings are left out.',
      ),
    clinicDocuments: z
      .number()
      .int()
      .describe('Clinic notes (or unclassified documents with clinical sections).'),
    radiologyDocuments: z.number().int().describe('Radiology reports.'),
    modalities: z.array(z.string()).describe('Imaging modalities of the radiology reports (mri, ct, xray).'),
    hasMri: z.boolean().describe('An MRI report, or MRI results cited in a note.'),
    hasImagingFindings: z
      .boolean()
      .describe('Some document states an imaging finding (present or possible).'),
    hasSpineFinding: z
      .boolean()
      .describe('Some document states a spine finding, even one a later note calls resolved.'),
    findings: z.array(CaseFinding).describe('One item per concept, merged over the documents.'),
    measurements: z
      .array(CaseMeasurement)
      .describe('Every number stated for the patient, over the documents.'),
    durations: z
      .object({
        symptom: DurationFact.nullable().describe('How long the symptoms have lasted, null when unknown.'),
        conservative: DurationFact.nullable().describe(
          'How long conservative treatment has been tried, null when unknown.',
        ),
        effectiveWeeks: z
          .number()
          .nullable()
          .describe(
            'Weeks used by the 6-week rule: conservative-treatment weeks when known, else symptom weeks when a treatment has been tried.',
          ),
      })
      .describe('Durations the 6-week rule is applied to.'),
    course: z
      .object({
        status: CourseStatus,
        evidence: z.array(Evidence).describe('The course words the status comes from.'),
      })
      .describe('Improving, not improving or worse, from the course words of the latest note that has any.'),
    failedConservative: z
      .array(Evidence)
      .describe('Sentences saying conservative or medical management as a whole failed.'),
    treatments: z.array(TreatmentFact).describe('One item per treatment concept mentioned in the case.'),
    conflicts: z
      .array(Conflict)
      .describe('Concepts present in one document and absent in another (see warnings).'),
  })
  .describe("The case's merged facts.");
export type CaseFacts = z.infer<typeof CaseFacts>;

export const CaseResult = z
  .object({
    schemaVersion: z.string().describe('Version (semver) of the output contract this result follows.'),
    toolVersion: z.string().optional().describe('Version of spinex that produced this result.'),
    caseId: z.string().describe('Folder name, patient id, or file name.'),
    sources: z.array(z.string()).describe('Documents of the case, ordered by date then name.'),
    triage: TriageLevel,
    summary: z.string().describe('The triage and its main reason in one plain sentence.'),
    caution: z
      .string()
      .nullable()
      .describe('The imaging caution in plain words whenever imaging findings are part of the case.'),
    why: z.array(TriageReason).describe('The triage rules that fired at the chosen level.'),
    recommendations: z.array(Recommendation).describe('Guideline recommendations that apply to this case.'),
    warnings: z.array(Warning).describe('Reasons to read this case with care.'),
    facts: CaseFacts,
    documents: z
      .array(DocumentResult)
      .describe('The result of each document of the case, in `sources` order.'),
    guidelineVersion: z.string().describe('Version of the guideline rules the case was run through.'),
  })
  .describe('One patient: merged facts, triage, recommendations and warnings.');
export type CaseResult = z.infer<typeof CaseResult>;
