/**
 * The ConText rule set as data: the zod schema of lexicons/context.json, its groups expanded (phrases.ts) into
 * the typed `ContextRule` each phrase compiles to. Rules are authored in groups that share a category, direction and
 * scope; every expanded phrase becomes one rule with its own id (`group:phrase`), so a cue names exactly
 * the phrase that fired.
 */
import { z } from 'zod';
import { PastYearRules } from './past-year.js';
import { PhraseExpander } from './phrases.js';

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
      .union([z.boolean(), z.literal('list')])
      .optional()
      .describe(
        'false: the scope stops at a comma (a prenominal hedge such as "possible" in the middle of a list). "list" (backward scopes): it crosses a comma only between list items, when a list word ("and", "or") lies between the comma and the trigger or the item after the comma is one word; any other comma closes an earlier clause ("Given the history of X, a metastasis cannot be excluded").',
      ),
    stem: z.boolean().optional().describe('Match on Porter stems instead of lower-case words.'),
    categories: z.array(z.enum(TARGET_CATEGORIES)).min(1).optional(),
    concepts: z.array(z.string().min(1)).min(1).optional(),
    terminates: z
      .array(z.enum(MODIFIER_CATEGORIES))
      .optional()
      .describe(
        'Categories whose scope the phrase ends (default all); a pseudo-trigger may end none and only hide its words.',
      ),
    clauseScope: z
      .number()
      .int()
      .positive()
      .max(100)
      .optional()
      .describe(
        'Forward scope limit in words up to the first comma, which closes a conditional clause ("if X or Y, ..."); maxScope counts afresh after it.',
      ),
    withinTarget: z
      .boolean()
      .optional()
      .describe('The phrase also applies when it is part of the target\'s own words ("toes downgoing").'),
    claimsClause: z
      .boolean()
      .optional()
      .describe(
        'For terminate rules: a backward scope that runs into this phrase is dropped, because the clause belongs to it ("start gabapentin tonight" is care prescribed now).',
      ),
    careOnly: z
      .boolean()
      .optional()
      .describe(
        'For terminate rules: end only the scopes of care cues (rules restricted to treatment targets, such as "consider"), never a general cue such as "if" ("if pain continues").',
      ),
    conditional: z
      .enum(['clause', 'scope'])
      .optional()
      .describe(
        'The scope is a condition or a warning that lists what may happen ("if there is new weakness", "return for fever, severe pain or numbness"): terminators marked `spareInCondition` do not end it, within its conditional clause (up to the first comma) for "clause", throughout for "scope".',
      ),
    answerable: z
      .boolean()
      .optional()
      .describe(
        'A hypothetical cue that asks a question the sentence may answer ("workup for X"): it is dropped when a negation after the target answers it ("Workup for PE was negative" is absent).',
      ),
    clauseFinal: z
      .boolean()
      .optional()
      .describe(
        'The phrase counts only at the end of its clause, before punctuation, a number or nothing ("ESI scheduled.", "MRI scheduled 3/14"); before a word it is an adjective ("scheduled acetaminophen" is regular dosing).',
      ),
    unlessNext: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'The phrase does not count when the next word is one of these ("Should continue PT" is advice, not the inverted condition "Should pain persist").',
      ),
    clauseInitial: z
      .boolean()
      .optional()
      .describe(
        'The phrase counts only at the start of its sentence or clause (after , ; : ( a bullet, "and", "but" or "or"), and its forward scope only when a comma closes the clause ("Should weakness develop, call" is a condition; "pain should improve" and "Should urgently obtain MRI" are not).',
      ),
    spareInCondition: z
      .boolean()
      .optional()
      .describe(
        'For terminate rules: a word that starts a new statement ("there is", "reports", ", severe") but only names what is looked for inside a condition or a warning, so it does not end a `conditional` scope.',
      ),
    subordinate: z
      .boolean()
      .optional()
      .describe(
        'For terminate rules: the phrase opens a clause that a comma closes ("Given the history of X, Y cannot be excluded"): a backward scope that crossed a comma and runs into it keeps only what follows that comma.',
      ),
    exceptConcepts: z.array(z.string().min(1)).min(1).optional(),
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
        r.concepts ||
        r.exceptConcepts ||
        r.clauseScope ||
        r.conditional ||
        r.clauseFinal !== undefined ||
        r.answerable !== undefined ||
        r.clauseInitial !== undefined ||
        r.unlessNext !== undefined ||
        r.withinTarget !== undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: `${r.category} rules take no scope or restrictions`,
      });
    }
    if (r.terminates && r.category !== 'terminate' && r.category !== 'pseudo') {
      ctx.addIssue({
        code: 'custom',
        path: ['terminates'],
        message: 'only terminate and pseudo rules have `terminates`',
      });
    }
    if (r.category === 'terminate' && r.terminates?.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['terminates'], message: 'a terminate rule must end some scope' });
    }
    for (const key of ['claimsClause', 'careOnly', 'spareInCondition', 'subordinate'] as const) {
      if (r[key] !== undefined && r.category !== 'terminate') {
        ctx.addIssue({ code: 'custom', path: [key], message: `only terminate rules have \`${key}\`` });
      }
    }
  });
export type RuleGroup = z.infer<typeof RuleGroup>;

export const ContextLexicon = z
  .object({
    version: z.string(),
    description: z.string().optional(),
    defaultMaxScope: z.number().int().positive().max(100).default(8),
    listSeparators: z.array(z.string().min(1)),
    listAlternatives: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Words that join the last item of a denied list ("No fever, chills, or history of cancer"): a cue of another kind right after one names one more denied item instead of ending the negation.',
      ),
    commaClauseOpeners: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Words that, right after a comma, open a clause about the noun before it ("likely degenerative, with severe facet arthropathy", ", causing cord compression"): a forward scope stops at that comma.',
      ),
    relativeClauseOpeners: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Words that open a clause between commas ("The pain, which had lasted months, has resolved"): a backward scope passes over such a clause.',
      ),
    predicateFollowers: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Words that may follow a trigger used as a predicate ("X, now resolved with PT"): a backward trigger followed by a word not listed here is an adjective of that word ("unremarkable follow-up MRI").',
      ),
    macros: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string())).default({}),
    rules: z.array(RuleGroup).min(1),
    sectionDefaults: z.array(
      z.object({ kind: z.string().min(1), category: z.enum(MODIFIER_CATEGORIES) }).strict(),
    ),
    pastYear: PastYearRules.optional().describe(
      'Care dated to a long-past year ("laminectomy in 2012") is historical without a cue word.',
    ),
  })
  .strict();
export type ContextLexicon = z.infer<typeof ContextLexicon>;

/** What a rule needs to know about a target to decide whether it may modify it. */
export interface RuleTarget {
  category?: 'imaging' | 'clinical' | 'treatment';
  concept?: string;
}

export interface ContextRuleSpec {
  id: string;
  phrase: string;
  keys: readonly string[];
  category: RuleCategory;
  direction: Direction;
  maxScope: number;
  /** Words allowed before the first comma of a forward scope (null: maxScope throughout). */
  clauseScope: number | null;
  listScope: boolean;
  commaScope: boolean | 'list';
  stem: boolean;
  withinTarget: boolean;
  claimsClause: boolean;
  careOnly: boolean;
  /** For modifier rules: terminators marked `spareInCondition` do not end this scope (in its clause, or anywhere). */
  conditional: 'clause' | 'scope' | null;
  clauseFinal: boolean;
  answerable: boolean;
  clauseInitial: boolean;
  /** Lower-case words after which the phrase does not count (null: none). */
  unlessNext: ReadonlySet<string> | null;
  spareInCondition: boolean;
  subordinate: boolean;
  categories: ReadonlySet<TargetCategory> | null;
  concepts: ReadonlySet<string> | null;
  exceptConcepts: ReadonlySet<string> | null;
  /** For terminate and pseudo rules: the modifier categories whose scope this phrase ends. */
  terminates: ReadonlySet<ModifierCategory>;
}

/** What the phrases of one group share. */
export type RuleSettings = Omit<ContextRuleSpec, 'id' | 'phrase' | 'keys'>;

/** One compiled trigger phrase. */
export class ContextRule implements ContextRuleSpec {
  readonly id: string;
  readonly phrase: string;
  readonly keys: readonly string[];
  readonly category: RuleCategory;
  readonly direction: Direction;
  readonly maxScope: number;
  readonly clauseScope: number | null;
  readonly listScope: boolean;
  readonly commaScope: boolean | 'list';
  readonly stem: boolean;
  readonly withinTarget: boolean;
  readonly claimsClause: boolean;
  readonly careOnly: boolean;
  readonly conditional: 'clause' | 'scope' | null;
  readonly clauseFinal: boolean;
  readonly answerable: boolean;
  readonly clauseInitial: boolean;
  readonly unlessNext: ReadonlySet<string> | null;
  readonly spareInCondition: boolean;
  readonly subordinate: boolean;
  readonly categories: ReadonlySet<TargetCategory> | null;
  readonly concepts: ReadonlySet<string> | null;
  readonly exceptConcepts: ReadonlySet<string> | null;
  readonly terminates: ReadonlySet<ModifierCategory>;
  // Read for every trigger of every sentence: decided once here rather than by getters.
  readonly isModifier: boolean;
  /** A care cue: restricted to treatment targets (or to targets of unknown category). */
  readonly isCareCue: boolean;

  // Field by field rather than Object.assign or a spread: ~9,000 rules are made at start-up, all of one shape.
  constructor(s: RuleSettings, id: string, phrase: string, keys: readonly string[]) {
    this.id = id;
    this.phrase = phrase;
    this.keys = keys;
    this.category = s.category;
    this.direction = s.direction;
    this.maxScope = s.maxScope;
    this.clauseScope = s.clauseScope;
    this.listScope = s.listScope;
    this.commaScope = s.commaScope;
    this.stem = s.stem;
    this.withinTarget = s.withinTarget;
    this.claimsClause = s.claimsClause;
    this.careOnly = s.careOnly;
    this.conditional = s.conditional;
    this.clauseFinal = s.clauseFinal;
    this.answerable = s.answerable;
    this.clauseInitial = s.clauseInitial;
    this.unlessNext = s.unlessNext;
    this.spareInCondition = s.spareInCondition;
    this.subordinate = s.subordinate;
    this.categories = s.categories;
    this.concepts = s.concepts;
    this.exceptConcepts = s.exceptConcepts;
    this.terminates = s.terminates;
    this.isModifier = isModifier(s.category);
    this.isCareCue = isCareCue(s.categories);
  }

  /** Category and concept restrictions; an unrestricted rule applies to every target. */
  appliesTo(target: RuleTarget): boolean {
    if (this.categories && !this.categories.has(target.category ?? 'unknown')) return false;
    if (this.concepts && (target.concept === undefined || !this.concepts.has(target.concept))) return false;
    if (this.exceptConcepts && target.concept !== undefined && this.exceptConcepts.has(target.concept))
      return false;
    return true;
  }
}

function isCareCue(categories: ReadonlySet<TargetCategory> | null): boolean {
  if (!categories) return false;
  for (const c of categories) if (c !== 'treatment' && c !== 'unknown') return false;
  return true;
}

/** A rule group as its phrases share it. */
export interface CompiledGroup {
  id: string;
  settings: RuleSettings;
}

/**
 * Hand every phrase of a validated lexicon, in order, with its group and keys (`keys` is reused: copy it to
 * keep it) to `add`, which returns false when its group already has a phrase of the same keys: duplicate
 * phrases within a group are an authoring error.
 */
export function forEachPhrase(
  lex: ContextLexicon,
  add: (group: CompiledGroup, phrase: string, keys: readonly string[]) => boolean,
): void {
  const allModifiers = new Set<ModifierCategory>(MODIFIER_CATEGORIES);
  const groupIds = new Set<string>();
  const expander = new PhraseExpander(lex.macros);
  for (const g of lex.rules) {
    if (groupIds.has(g.id)) throw new Error(`duplicate rule group id "${g.id}"`);
    groupIds.add(g.id);
    const group: CompiledGroup = {
      id: g.id,
      settings: {
        category: g.category,
        direction: g.direction ?? 'forward',
        maxScope: g.maxScope ?? lex.defaultMaxScope,
        clauseScope: g.clauseScope ?? null,
        listScope: g.listScope ?? true,
        commaScope: g.commaScope ?? true,
        stem: g.stem ?? false,
        withinTarget: g.withinTarget ?? false,
        claimsClause: g.claimsClause ?? false,
        careOnly: g.careOnly ?? false,
        conditional: g.conditional ?? null,
        clauseFinal: g.clauseFinal ?? false,
        answerable: g.answerable ?? false,
        clauseInitial: g.clauseInitial ?? false,
        unlessNext: g.unlessNext ? new Set(g.unlessNext.map((w) => w.toLowerCase())) : null,
        spareInCondition: g.spareInCondition ?? false,
        subordinate: g.subordinate ?? false,
        categories: g.categories ? new Set(g.categories) : null,
        concepts: g.concepts ? new Set(g.concepts) : null,
        exceptConcepts: g.exceptConcepts ? new Set(g.exceptConcepts) : null,
        terminates: g.terminates ? new Set(g.terminates) : allModifiers,
      },
    };
    const each = (phrase: string, keys: readonly string[]) => {
      if (keys.length === 0) throw new Error(`rule group "${g.id}": phrase "${phrase}" has no tokens`);
      if (!add(group, phrase, keys))
        throw new Error(`rule group "${g.id}": phrase "${phrase}" is listed twice`);
    };
    for (const written of g.phrases) expander.expand(written, group.settings.stem, each);
  }
}

/** Every rule of a validated lexicon, in order. */
export function compileRules(lex: ContextLexicon): ContextRule[] {
  const rules: ContextRule[] = [];
  const seen = new Set<string>();
  forEachPhrase(lex, (g, phrase, keys) => {
    const sig = `${g.id}\n${keys.join(' ')}`;
    if (seen.has(sig)) return false;
    seen.add(sig);
    rules.push(new ContextRule(g.settings, `${g.id}:${phrase}`, phrase, [...keys]));
    return true;
  });
  return rules;
}
