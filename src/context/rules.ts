/**
 * The ConText rule set as data: the zod schema of lexicons/context.json, macro expansion, and the typed
 * `ContextRule` each phrase compiles to. Rules are authored in groups that share a category, direction and
 * scope; every expanded phrase becomes one rule with its own id (`group:phrase`), so a cue names exactly
 * the phrase that fired.
 */
import { z } from 'zod';
import { phraseKeys } from './tokens.js';

export const MODIFIER_CATEGORIES = ['negated', 'possible', 'historical', 'hypothetical', 'family'] as const;
export type ModifierCategory = (typeof MODIFIER_CATEGORIES)[number];
export const RULE_CATEGORIES = [...MODIFIER_CATEGORIES, 'pseudo', 'terminate'] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];
export const DIRECTIONS = ['forward', 'backward', 'bidirectional'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** `unknown` lets a restricted rule still fire when the caller does not know the target's category (`spinex assert`). */
export const TARGET_CATEGORIES = ['imaging', 'clinical', 'treatment', 'unknown'] as const;
export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

function isModifier(c: RuleCategory): c is ModifierCategory {
  return (MODIFIER_CATEGORIES as readonly string[]).includes(c);
}

export const RuleGroup = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    category: z.enum(RULE_CATEGORIES),
    direction: z.enum(DIRECTIONS).optional(),
    maxScope: z.number().int().positive().max(100).optional().describe('Scope limit in words.'),
    listScope: z
      .boolean()
      .optional()
      .describe('false: the scope stops at a list separator (a singular verb has one subject).'),
    commaScope: z
      .boolean()
      .optional()
      .describe(
        'false: the scope stops at a comma (a prenominal hedge such as "possible" in the middle of a list).',
      ),
    stem: z.boolean().optional().describe('Match on Porter stems instead of lower-case words.'),
    categories: z.array(z.enum(TARGET_CATEGORIES)).min(1).optional(),
    concepts: z.array(z.string().min(1)).min(1).optional(),
    terminates: z.array(z.enum(MODIFIER_CATEGORIES)).min(1).optional(),
    comment: z.string().optional(),
    phrases: z.array(z.string().min(1)).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const mod = isModifier(r.category);
    if (mod && !r.direction)
      ctx.addIssue({ code: 'custom', path: ['direction'], message: 'modifier rules need a direction' });
    if (
      !mod &&
      (r.direction ||
        r.maxScope ||
        r.listScope !== undefined ||
        r.commaScope !== undefined ||
        r.categories ||
        r.concepts)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: `${r.category} rules take no scope or restrictions`,
      });
    }
    if (r.terminates && r.category !== 'terminate') {
      ctx.addIssue({
        code: 'custom',
        path: ['terminates'],
        message: 'only terminate rules have `terminates`',
      });
    }
  });
export type RuleGroup = z.infer<typeof RuleGroup>;

export const ContextLexicon = z
  .object({
    version: z.string(),
    description: z.string().optional(),
    defaultMaxScope: z.number().int().positive().max(100).default(8),
    listSeparators: z.array(z.string().min(1)),
    macros: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string())).default({}),
    rules: z.array(RuleGroup).min(1),
    sectionDefaults: z.array(
      z.object({ kind: z.string().min(1), category: z.enum(MODIFIER_CATEGORIES) }).strict(),
    ),
  })
  .strict();
export type ContextLexicon = z.infer<typeof ContextLexicon>;

/** What a rule needs to know about a target to decide whether it may modify it. */
export interface RuleTarget {
  category?: 'imaging' | 'clinical' | 'treatment';
  concept?: string;
}

/** One compiled trigger phrase. */
export class ContextRule {
  constructor(
    readonly id: string,
    readonly phrase: string,
    readonly keys: readonly string[],
    readonly category: RuleCategory,
    readonly direction: Direction,
    readonly maxScope: number,
    readonly listScope: boolean,
    readonly commaScope: boolean,
    readonly stem: boolean,
    readonly categories: ReadonlySet<TargetCategory> | null,
    readonly concepts: ReadonlySet<string> | null,
    /** For terminate rules: the modifier categories whose scope this phrase ends. */
    readonly terminates: ReadonlySet<ModifierCategory>,
  ) {}

  get isModifier(): boolean {
    return isModifier(this.category);
  }

  /** Category and concept restrictions; an unrestricted rule applies to every target. */
  appliesTo(target: RuleTarget): boolean {
    if (this.categories && !this.categories.has(target.category ?? 'unknown')) return false;
    if (this.concepts && (target.concept === undefined || !this.concepts.has(target.concept))) return false;
    return true;
  }
}

const MACRO_RE = /\{([a-z_]+)\}/;

/** Expand `{name}` macros (cartesian product); an empty alternative drops the slot. */
export function expandPhrase(phrase: string, macros: Record<string, string[]>): string[] {
  const m = MACRO_RE.exec(phrase);
  if (!m) return [phrase.replace(/\s+/g, ' ').trim()];
  const alts = macros[m[1]!];
  if (!alts) throw new Error(`unknown macro {${m[1]}} in "${phrase}"`);
  const out: string[] = [];
  for (const alt of alts) {
    out.push(...expandPhrase(phrase.slice(0, m.index) + alt + phrase.slice(m.index + m[0].length), macros));
  }
  return out;
}

/** Compile every group of a validated lexicon into rules; duplicate phrases within a group are an authoring error. */
export function compileRules(lex: ContextLexicon): ContextRule[] {
  const rules: ContextRule[] = [];
  const allModifiers = new Set<ModifierCategory>(MODIFIER_CATEGORIES);
  const groupIds = new Set<string>();
  for (const g of lex.rules) {
    if (groupIds.has(g.id)) throw new Error(`duplicate rule group id "${g.id}"`);
    groupIds.add(g.id);
    const seen = new Set<string>();
    for (const written of g.phrases) {
      for (const phrase of expandPhrase(written, lex.macros)) {
        const keys = phraseKeys(phrase, g.stem ?? false);
        if (keys.length === 0) throw new Error(`rule group "${g.id}": phrase "${phrase}" has no tokens`);
        const sig = keys.join(' ');
        if (seen.has(sig)) throw new Error(`rule group "${g.id}": phrase "${phrase}" is listed twice`);
        seen.add(sig);
        rules.push(
          new ContextRule(
            `${g.id}:${phrase}`,
            phrase,
            keys,
            g.category,
            g.direction ?? 'forward',
            g.maxScope ?? lex.defaultMaxScope,
            g.listScope ?? true,
            g.commaScope ?? true,
            g.stem ?? false,
            g.categories ? new Set(g.categories) : null,
            g.concepts ? new Set(g.concepts) : null,
            g.category === 'terminate' ? new Set(g.terminates ?? MODIFIER_CATEGORIES) : allModifiers,
          ),
        );
      }
    }
  }
  return rules;
}
