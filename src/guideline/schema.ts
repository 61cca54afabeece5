/**
 * The shape of lexicons/guideline.json: the guideline as data. Rules are evaluated by a small
 * evaluator (evaluate.ts) that knows a handful of condition types; adding or changing a rule is an
 * edit to the JSON, not to code. Strings may name a parameter as `{name}`; a number field may be
 * `"$name"` to read a parameter (so `--config` can move thresholds).
 */
import { z } from 'zod';
import { LanguageSpec } from '../case/language.js';
import { RecommendationId, TriageLevel, WarningCode } from '../facts/case-schema.js';
import { Assertion, Severity } from '../facts/schema.js';

export const Params = z
  .object({
    mjoaThreshold: z.number().describe('Severe myelopathy at or below this mJOA (guideline: 12).'),
    conservativeWeeks: z
      .number()
      .describe('Weeks of conservative treatment before second-line (guideline: 6).'),
    mjoaBoundary: z.number().describe('The mJOA where the guideline and the AO Spine bands disagree (12).'),
    minimalPainScore: z.number().describe('A pain score at or below this counts as minimal symptoms.'),
    mjoaDecline: z
      .number()
      .default(2)
      .describe(
        'A fall of the mJOA by at least this many points is progressive myelopathy, and a rise as large is improvement (its MCID is 1-2).',
      ),
  })
  .strict();
export type Params = z.infer<typeof Params>;

/** A number, or `"$param"`. */
const NumberRef = z.union([z.number(), z.string().regex(/^\$[A-Za-z]\w*$/)]);
export type NumberRef = z.infer<typeof NumberRef>;

/** A list of concept ids, or `"@set"` naming one of `sets`. */
const Concepts = z.union([z.array(z.string()).min(1), z.string().regex(/^@[A-Za-z]\w*$/)]);
export type Concepts = z.infer<typeof Concepts>;

const Op = z.enum(['lt', 'le', 'eq', 'ge', 'gt']);
export type Op = z.infer<typeof Op>;

const DocType = z.enum(['radiology', 'clinic', 'unknown']);

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | ConceptCondition
  | {
      colocated: {
        a: Concepts;
        b: Concepts;
        assertions?: Assertion[] | undefined;
        exact?: boolean | undefined;
      };
    }
  | { measurement: string; which?: 'latest' | 'any' | undefined; op: Op; value: NumberRef }
  | { measurementDrop: string; by: NumberRef }
  | { measurementRise: string; by: NumberRef }
  | { duration: 'effective' | 'symptom' | 'conservative'; op: Op; weeks: NumberRef }
  | { durationKnown: boolean }
  | { course: Array<'improving' | 'not-improving' | 'worse' | 'unknown'> }
  | {
      treatment: Concepts;
      status: Array<'tried' | 'ordered' | 'planned'>;
      helped?: Array<boolean | null> | undefined;
      excludeListedOnly?: boolean | undefined;
    }
  | {
      fact: 'clinicDocument' | 'mri' | 'imagingFindings' | 'spineFinding' | 'failedConservative' | 'conflict';
    }
  | { triage: TriageLevel[] }
  | { fired: string[] };

export interface ConceptCondition {
  concept: Concepts;
  assertions?: Assertion[] | undefined;
  minSeverity?: Severity | undefined;
  maxSeverity?: Severity | undefined;
  excludeSeverity?: Severity[] | undefined;
  multilevel?: boolean | undefined;
  minCount?: number | undefined;
  sentenceCourse?: Array<'improving' | 'notImproving' | 'worse'> | undefined;
  ignoreSections?: { docType: z.infer<typeof DocType>; sections: string[] } | undefined;
}

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Condition) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
    z
      .object({
        concept: Concepts,
        assertions: z.array(Assertion).min(1).optional().describe('Default: present.'),
        minSeverity: Severity.optional(),
        maxSeverity: Severity.optional(),
        excludeSeverity: z.array(Severity).optional(),
        multilevel: z.boolean().optional(),
        minCount: z.number().int().min(1).optional().describe('At least this many distinct concepts match.'),
        sentenceCourse: z
          .array(z.enum(['improving', 'notImproving', 'worse']))
          .optional()
          .describe('The mention sentence has these course words ("progressive myelopathy").'),
        ignoreSections: z
          .object({ docType: DocType, sections: z.array(z.string()) })
          .optional()
          .describe('Mentions in these sections of this document type do not count (a past-history list).'),
      })
      .strict(),
    z
      .object({
        colocated: z
          .object({
            a: Concepts,
            b: Concepts,
            assertions: z.array(Assertion).optional(),
            exact: z
              .boolean()
              .optional()
              .describe(
                'Only at a level both name alike: a C6 vertebra is not at C5-C6, the segment next to it.',
              ),
          })
          .strict()
          .describe('A mention of `a` and one of `b` at overlapping levels (both must name a level).'),
      })
      .strict(),
    z
      .object({
        measurement: z.string(),
        which: z.enum(['latest', 'any']).optional(),
        op: Op,
        value: NumberRef,
      })
      .strict(),
    z
      .object({ measurementDrop: z.string(), by: NumberRef })
      .strict()
      .describe(
        'The latest value of this kind in the case is lower than an earlier one by at least `by` (an mJOA that fell 2 points between visits).',
      ),
    z
      .object({ measurementRise: z.string(), by: NumberRef })
      .strict()
      .describe(
        'The latest value of this kind in the case is higher than an earlier one by at least `by` (an mJOA that rose 2 points between visits).',
      ),
    z
      .object({ duration: z.enum(['effective', 'symptom', 'conservative']), op: Op, weeks: NumberRef })
      .strict(),
    z.object({ durationKnown: z.boolean() }).strict(),
    z.object({ course: z.array(z.enum(['improving', 'not-improving', 'worse', 'unknown'])).min(1) }).strict(),
    z
      .object({
        treatment: Concepts,
        status: z.array(z.enum(['tried', 'ordered', 'planned'])).min(1),
        helped: z.array(z.boolean().nullable()).optional(),
        excludeListedOnly: z
          .boolean()
          .optional()
          .describe('Ignore a treatment received only according to a medication list or past history.'),
      })
      .strict(),
    z
      .object({
        fact: z.enum([
          'clinicDocument',
          'mri',
          'imagingFindings',
          'spineFinding',
          'failedConservative',
          'conflict',
        ]),
      })
      .strict(),
    z.object({ triage: z.array(TriageLevel).min(1) }).strict(),
    z
      .object({ fired: z.array(z.string()).min(1) })
      .strict()
      .describe('Any of these triage rules fired.'),
  ]),
);

const ruleBase = {
  id: z.string().min(1),
  when: Condition,
  because: z.string().describe('The rule in plain words (first line of `because`).'),
  guideline: z.string().describe('The guideline sentence, or contract clause, this rule implements.'),
};

export const TriageRule = z.object({ ...ruleBase, level: TriageLevel }).strict();
export type TriageRule = z.infer<typeof TriageRule>;
export const RecommendationRule = z
  .object({ ...ruleBase, emit: RecommendationId, text: z.string() })
  .strict();
export type RecommendationRule = z.infer<typeof RecommendationRule>;
export const WarningRule = z.object({ ...ruleBase, emit: WarningCode, message: z.string() }).strict();
export type WarningRule = z.infer<typeof WarningRule>;

export const GuidelineSpec = z
  .object({
    $schema: z.string().optional(),
    version: z.string(),
    title: z.string(),
    params: Params,
    sets: z.record(z.string(), z.array(z.string())),
    language: LanguageSpec,
    triageOrder: z.array(TriageLevel).length(5),
    triage: z.array(TriageRule),
    recommendations: z.array(RecommendationRule),
    warnings: z.array(WarningRule),
    caution: z
      .object({
        imagingOnly: z.string(),
        discordance: z.string(),
        imaging: z.string(),
      })
      .strict()
      .describe('The imaging caution, in plain words, by situation.'),
  })
  .strict();
export type GuidelineSpec = z.infer<typeof GuidelineSpec>;

/** `--config FILE`: parameters merged over the guideline's defaults. */
export const GuidelineConfig = Params.partial().strict();
export type GuidelineConfig = z.infer<typeof GuidelineConfig>;
