/**
 * Concept and modifier lexicons (lexicons/concepts.json, lexicons/modifiers.json): the zod schemas that
 * validate them at load, and the loaders. A site can point spinex at its own lexicon folder.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { Acuity, Region, Severity } from '../facts/schema.js';
import { loadJson } from '../util/load-json.js';

const Code = z.object({ system: z.string().min(1), code: z.string().min(1), display: z.string() });

export const Term = z.union([
  z.string().min(1),
  z.object({ text: z.string().min(1), caseSensitive: z.boolean().optional() }),
]);
export type Term = z.infer<typeof Term>;

export const ConceptDef = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string(),
  category: z.enum(['imaging', 'clinical', 'treatment']),
  anatomy: z.enum(['disc', 'vertebra', 'none']),
  inherentlyHistorical: z.boolean().optional(),
  /**
   * It happens at one moment (a fracture, an injury), so that, like care, dated to a long-past year it is
   * over ("T12 compression fracture in 2015"); a condition dated to a year may still go on.
   */
  event: z.boolean().optional(),
  /** Its phrases name another concept too ("worsening weakness" is also weakness): scan inside them. */
  containsConcepts: z.boolean().optional(),
  /** An imaging finding about nerve roots: a root's level ("the L5 root") locates it. */
  rootLevels: z.boolean().optional(),
  codes: z.array(Code).optional(),
  codesByRegion: z.record(z.string(), z.array(Code)).optional(),
  terms: z.array(Term).min(1),
});
export type ConceptDef = z.infer<typeof ConceptDef>;

export const ConceptLexicon = z
  .object({
    version: z.string(),
    concepts: z.array(ConceptDef).min(1),
    blockers: z.array(z.string()).optional(),
  })
  .refine((l) => new Set(l.concepts.map((c) => c.id)).size === l.concepts.length, {
    message: 'concept ids must be unique',
  });
export type ConceptLexicon = z.infer<typeof ConceptLexicon>;

const Phrase = <T extends z.ZodType>(value: T) => z.object({ phrase: z.string().min(1), value });

export const ModifierLexicon = z.object({
  version: z.string(),
  severity: z.array(Phrase(Severity)),
  acuity: z.array(Phrase(Acuity)),
  acuityConcepts: z.array(z.string()),
  multilevel: z.array(z.string()),
  /**
   * Words that make a grade word before them a degree of change, not of the finding ("slightly progressed
   * from prior", "mildly worse"): no severity then.
   */
  severityChangeWords: z.array(z.string()).default([]),
  /**
   * Words that make a grade word after them a comparison between levels or sides, not a grade ("most
   * advanced at L4-5", "more severe on the left", "less marked"): no severity then.
   */
  severityComparatives: z.array(z.string()).default([]),
  /** Words a `...` gap in a term never spans (a gap must not swallow a negation). */
  gapStopWords: z.array(z.string()),
  regions: z.array(Phrase(Region)),
});
export type ModifierLexicon = z.infer<typeof ModifierLexicon>;

export function loadConceptLexicon(dir: string): ConceptLexicon {
  return loadJson(join(dir, 'concepts.json'), ConceptLexicon);
}

export function loadModifierLexicon(dir: string): ModifierLexicon {
  return loadJson(join(dir, 'modifiers.json'), ModifierLexicon);
}
