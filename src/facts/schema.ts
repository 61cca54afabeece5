/**
 * The output contract (shared/spec/contract.md, v1) as zod schemas. Every type used across stages is
 * inferred from here, `spinex schema` prints these as JSON Schema, and results are validated against
 * them before they are written. Add fields freely; never rename or drop a contract field.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = '1.0.0';

export const ASSERTIONS = ['present', 'absent', 'possible', 'historical', 'hypothetical', 'family'] as const;
export const Assertion = z
  .enum(ASSERTIONS)
  .describe('Derived from modifiers: family > hypothetical > absent > possible > historical > present.');
export type Assertion = z.infer<typeof Assertion>;

export const Modifiers = z
  .object({
    negated: z.boolean(),
    possible: z.boolean(),
    historical: z.boolean(),
    hypothetical: z.boolean(),
    family: z.boolean(),
  })
  .describe('Context modifiers, each set independently (a finding can be both historical and negated).');
export type Modifiers = z.infer<typeof Modifiers>;

export const Span = z
  .object({
    start: z.number().int().nonnegative().describe('UTF-16 offset into the document text, inclusive.'),
    end: z.number().int().nonnegative().describe('UTF-16 offset into the document text, exclusive.'),
    text: z.string().describe('Exactly text.slice(start, end).'),
  })
  .describe('A character span of the document text.');
export type Span = z.infer<typeof Span>;

export const Cue = z
  .object({
    category: z
      .enum(['negated', 'possible', 'historical', 'hypothetical', 'family', 'section'])
      .describe('Which modifier the cue sets; `section` means a section default decided it.'),
    text: z.string().describe('The trigger phrase, or the section title for a section default.'),
    start: z
      .number()
      .int()
      .describe('Offset of the cue (into the sentence for `assert`, the document otherwise).'),
    end: z.number().int(),
    rule: z.string().describe('Identifier of the lexicon rule that fired.'),
  })
  .describe('A trigger phrase or section default that set a modifier.');
export type Cue = z.infer<typeof Cue>;

export const SECTION_NAMES = [
  'history',
  'technique',
  'comparison',
  'findings',
  'impression',
  'assessment',
  'plan',
  'exam',
  'hpi',
  'medications',
  'other',
] as const;
export const SectionName = z.enum(SECTION_NAMES).describe('Normalised section name.');
export type SectionName = z.infer<typeof SectionName>;

export const Severity = z.enum(['minimal', 'mild', 'moderate', 'severe']);
export type Severity = z.infer<typeof Severity>;
export const Acuity = z.enum(['acute', 'subacute', 'chronic', 'indeterminate']);
export type Acuity = z.infer<typeof Acuity>;
export const Region = z.enum(['cervical', 'thoracic', 'lumbar', 'sacral']);
export type Region = z.infer<typeof Region>;

export const Mention = z
  .object({
    span: Span.describe('The matched phrase.'),
    sentence: Span.describe('The sentence the phrase is in.'),
    section: SectionName,
    sectionTitle: z.string().nullable().describe('The header as written, or null before any header.'),
    page: z.number().int().positive().nullable().describe('1-based PDF page, null for text input.'),
    levels: z.array(z.string()).describe('Levels attached to this mention.'),
    severity: Severity.nullable(),
    modifiers: Modifiers,
    assertion: Assertion,
    cues: z.array(Cue),
  })
  .describe('One place in the text that supports a finding.');
export type Mention = z.infer<typeof Mention>;

export const Finding = z
  .object({
    concept: z.string().describe('Concept id (contract list, plus any a site lexicon adds).'),
    label: z.string().describe('Human-readable concept name.'),
    category: z.enum(['imaging', 'clinical', 'treatment']),
    assertion: Assertion,
    modifiers: Modifiers.describe('Modifiers of the first mention.'),
    levels: z.array(z.string()).describe('Union of levels over every mention of this concept and assertion.'),
    region: z.array(Region).describe('Spinal regions of the levels, or named in the text.'),
    multilevel: z.boolean().describe('The text says multilevel, or two or more levels carry the finding.'),
    severity: Severity.nullable().describe('Most severe stated grade over the mentions.'),
    acuity: Acuity.nullable().describe('Stated acuity (height loss and fractures).'),
    percent: z.number().nullable().describe('Stated percentage of height loss, when given.'),
    genantGrade: z.number().nullable().describe('Genant grade derived from `percent` (0, 1, 2, 3).'),
    section: SectionName.describe('Section of the first mention.'),
    span: Span.describe('First mention.'),
    sentence: z.string().describe('The sentence of the first mention.'),
    page: z.number().int().positive().nullable(),
    cues: z.array(Cue).describe('The cues that decided the assertion of the first mention.'),
    codes: z
      .array(z.object({ system: z.string(), code: z.string(), display: z.string() }))
      .describe('Verified codes from the lexicon (ICD-10-CM), possibly empty.'),
    mentions: z.array(Mention).describe('Every supporting mention, in text order.'),
  })
  .describe('One concept with one assertion in one document.');
export type Finding = z.infer<typeof Finding>;

export const MEASUREMENT_KINDS = [
  'mjoa',
  'joa',
  'nurick',
  'pain_score',
  'odi',
  'ndi',
  'height_loss_percent',
  'symptom_duration_weeks',
  'conservative_duration_weeks',
  'age_years',
] as const;
export const MeasurementKind = z.enum(MEASUREMENT_KINDS);
export type MeasurementKind = z.infer<typeof MeasurementKind>;

export const Measurement = z
  .object({
    kind: MeasurementKind,
    value: z.number().describe('Normalised value (weeks, percent, 0-10 pain, ...).'),
    max: z.number().nullable().optional().describe('Scale maximum where one applies (mJOA 18, JOA 17).'),
    unit: z.string().nullable().optional(),
    raw: z.number().nullable().optional().describe('The value as written before normalisation.'),
    rawUnit: z.string().nullable().optional(),
    band: z.string().nullable().optional().describe('Severity band where the scale defines one.'),
    levels: z.array(z.string()).optional(),
    section: SectionName.optional(),
    page: z.number().int().positive().nullable().optional(),
    sentence: z.string().optional(),
    span: Span,
  })
  .describe('A number stated for this patient.');
export type Measurement = z.infer<typeof Measurement>;

export const ResultError = z.object({
  code: z.string().describe('Stable error code, e.g. not-found, invalid-pdf, needs-ocr, unsupported-format.'),
  message: z.string(),
});
export type ResultError = z.infer<typeof ResultError>;

export const SectionInfo = z.object({
  name: SectionName,
  kind: z.string().describe('Finer section kind (family_history, indication, ...).'),
  title: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
});
export type SectionInfo = z.infer<typeof SectionInfo>;

export const DocumentResult = z
  .object({
    schemaVersion: z.string().describe('Version (semver) of the output contract this result follows.'),
    toolVersion: z.string().optional().describe('Version of spinex that produced this result.'),
    source: z.string().describe('Path as given, or <stdin>.'),
    documentType: z.enum(['radiology', 'clinic', 'unknown']),
    modality: z.enum(['mri', 'ct', 'xray']).nullable(),
    date: z.string().nullable().describe('Exam or visit date found in the text (ISO yyyy-mm-dd).'),
    patientId: z.string().nullable().describe('Patient identifier found in the text (MRN, Patient ID).'),
    findings: z.array(Finding),
    measurements: z.array(Measurement),
    sections: z.array(SectionInfo),
    errors: z.array(ResultError),
    text: z.string().optional().describe('The document text the offsets point into (with --include-text).'),
  })
  .describe('Everything extracted from one document.');
export type DocumentResult = z.infer<typeof DocumentResult>;

export const AssertResult = z.union([
  z.object({
    assertion: Assertion,
    modifiers: Modifiers,
    cues: z.array(Cue),
    target: Span.optional(),
  }),
  z.object({ error: z.string() }),
]);
export type AssertResult = z.infer<typeof AssertResult>;
