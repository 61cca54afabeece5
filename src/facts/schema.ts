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
    negated: z
      .boolean()
      .describe('A negation cue applies ("no evidence of", "without", "denies", "resolved").'),
    possible: z
      .boolean()
      .describe('A hedge applies ("possible", "may represent", "cannot exclude", "suspicious for").'),
    historical: z
      .boolean()
      .describe('Stated as past and not current ("history of", "prior", "status post").'),
    hypothetical: z
      .boolean()
      .describe('Conditional, future or only recommended ("if", "to rule out", "consider", "return for").'),
    family: z.boolean().describe('About someone other than the patient ("mother had", "family history of").'),
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
    end: z.number().int().describe('End offset of the cue, exclusive (same base as `start`).'),
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

export const Severity = z
  .enum(['minimal', 'mild', 'moderate', 'severe'])
  .describe('Stated severity grade ("mild to moderate" gives moderate).');
export type Severity = z.infer<typeof Severity>;
export const Acuity = z
  .enum(['acute', 'subacute', 'chronic', 'indeterminate'])
  .describe('Stated acuity of a height loss or fracture.');
export type Acuity = z.infer<typeof Acuity>;
export const Region = z.enum(['cervical', 'thoracic', 'lumbar', 'sacral']).describe('Spinal region.');
export type Region = z.infer<typeof Region>;

export const Mention = z
  .object({
    span: Span.describe('The matched phrase.'),
    sentence: Span.describe('The sentence the phrase is in.'),
    section: SectionName.describe('Normalised name of the section the mention is in.'),
    sectionTitle: z.string().nullable().describe('The header as written, or null before any header.'),
    page: z.number().int().positive().nullable().describe('1-based PDF page, null for text input.'),
    levels: z.array(z.string()).describe('Levels attached to this mention.'),
    severity: Severity.nullable().describe('Severity stated with this mention, or null.'),
    modifiers: Modifiers.describe('Context modifiers of this mention.'),
    assertion: Assertion.describe('Assertion of this mention, derived from its modifiers.'),
    cues: z.array(Cue).describe('The cues that set the modifiers of this mention.'),
  })
  .describe('One place in the text that supports a finding.');
export type Mention = z.infer<typeof Mention>;

export const Finding = z
  .object({
    concept: z.string().describe('Concept id (contract list, plus any a site lexicon adds).'),
    label: z.string().describe('Human-readable concept name.'),
    category: z
      .enum(['imaging', 'clinical', 'treatment'])
      .describe('Concept group: imaging finding, clinical finding, or treatment.'),
    assertion: Assertion.describe(
      'Assertion shared by the mentions of this finding (one finding per concept and assertion).',
    ),
    modifiers: Modifiers.describe('Modifiers of the first mention.'),
    levels: z.array(z.string()).describe('Union of levels over every mention of this concept and assertion.'),
    region: z.array(Region).describe('Spinal regions of the levels, or named in the text.'),
    multilevel: z.boolean().describe('The text says multilevel, or two or more levels carry the finding.'),
    severity: Severity.nullable().describe('Most severe stated grade over the mentions.'),
    acuity: Acuity.nullable().describe('Stated acuity (height loss and fractures).'),
    percent: z.number().nullable().describe('Stated percentage of height loss, when given.'),
    genantGrade: z
      .number()
      .nullable()
      .describe('Genant grade (0, 0.5, 1, 2, 3): as stated in the text, else derived from `percent`.'),
    section: SectionName.describe('Section of the first mention.'),
    span: Span.describe('First mention.'),
    sentence: z.string().describe('The sentence of the first mention.'),
    page: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe('1-based PDF page of the first mention, null for text input.'),
    cues: z.array(Cue).describe('The cues that decided the assertion of the first mention.'),
    codes: z
      .array(
        z
          .object({
            system: z.string().describe('Code system, e.g. ICD-10-CM.'),
            code: z.string().describe('The code in that system, e.g. M47.816.'),
            display: z.string().describe('Display name of the code.'),
          })
          .describe('A code for the concept.'),
      )
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
  'genant_grade',
  'symptom_duration_weeks',
  'conservative_duration_weeks',
  'age_years',
] as const;
export const MeasurementKind = z
  .enum(MEASUREMENT_KINDS)
  .describe('What the number measures (contract list).');
export type MeasurementKind = z.infer<typeof MeasurementKind>;

export const Measurement = z
  .object({
    kind: MeasurementKind,
    value: z.number().describe('Normalised value (weeks, percent, 0-10 pain, ...).'),
    max: z.number().nullable().optional().describe('Scale maximum where one applies (mJOA 18, JOA 17).'),
    unit: z
      .string()
      .nullable()
      .optional()
      .describe('Unit of `value` (e.g. weeks, percent, years), null when unitless.'),
    raw: z.number().nullable().optional().describe('The value as written before normalisation.'),
    rawUnit: z
      .string()
      .nullable()
      .optional()
      .describe('Unit as written (e.g. months, mm), before normalisation.'),
    band: z.string().nullable().optional().describe('Severity band where the scale defines one.'),
    levels: z.array(z.string()).optional().describe('Levels the value applies to (height loss), normalised.'),
    section: SectionName.optional().describe('Section the value is stated in.'),
    page: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe('1-based PDF page, null for text input.'),
    sentence: z.string().optional().describe('The sentence the value is stated in.'),
    span: Span.describe('The matched phrase (e.g. "mJOA 13/18").'),
  })
  .describe('A number stated for this patient.');
export type Measurement = z.infer<typeof Measurement>;

export const ResultError = z
  .object({
    code: z
      .string()
      .describe('Stable error code, e.g. not-found, invalid-pdf, needs-ocr, unsupported-format.'),
    message: z.string().describe('What went wrong, in plain words.'),
  })
  .describe('Something that could not be read.');
export type ResultError = z.infer<typeof ResultError>;

export const SectionInfo = z
  .object({
    name: SectionName,
    kind: z.string().describe('Finer section kind (family_history, indication, ...).'),
    title: z.string().nullable().describe('The header as written, or null for text before any header.'),
    start: z.number().int().describe('Offset where the section starts (UTF-16, inclusive).'),
    end: z.number().int().describe('Offset where the section ends (UTF-16, exclusive).'),
  })
  .describe('A section of the document.');
export type SectionInfo = z.infer<typeof SectionInfo>;

export const DocumentResult = z
  .object({
    schemaVersion: z.string().describe('Version (semver) of the output contract this result follows.'),
    toolVersion: z.string().optional().describe('Version of spinex that produced this result.'),
    source: z.string().describe('Path as given, or <stdin>.'),
    documentType: z
      .enum(['radiology', 'clinic', 'unknown'])
      .describe('Radiology report, clinic note, or unknown.'),
    modality: z
      .enum(['mri', 'ct', 'xray'])
      .nullable()
      .describe('Imaging modality of a radiology report, null when none is stated.'),
    date: z.string().nullable().describe('Exam or visit date found in the text (ISO yyyy-mm-dd).'),
    patientId: z.string().nullable().describe('Patient identifier found in the text (MRN, Patient ID).'),
    findings: z.array(Finding).describe('One item per concept and assertion, in order of first mention.'),
    measurements: z.array(Measurement).describe('Numbers stated for this patient, in text order.'),
    sections: z.array(SectionInfo).describe('Sections found in the text, in order.'),
    errors: z.array(ResultError).describe('What could not be read; empty when the document was read.'),
    text: z.string().optional().describe('The document text the offsets point into (with --include-text).'),
  })
  .describe('Everything extracted from one document.');
export type DocumentResult = z.infer<typeof DocumentResult>;

export const AssertResult = z
  .union([
    z
      .object({
        assertion: Assertion.describe('Assertion of the target phrase, derived from its modifiers.'),
        modifiers: Modifiers.describe('Context modifiers of the target phrase.'),
        cues: z.array(Cue).describe('The trigger phrases that decided it, with offsets into the sentence.'),
        target: Span.optional().describe('Where the target phrase was found in the sentence.'),
      })
      .describe('The assertion of a target phrase found in the sentence.'),
    z
      .object({
        error: z.string().describe('Why no assertion was made (e.g. the target is not in the sentence).'),
      })
      .describe('The target could not be assessed.'),
  ])
  .describe('Output of `spinex assert` for one sentence and target.');
export type AssertResult = z.infer<typeof AssertResult>;
