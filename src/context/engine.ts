/**
 * ContextEngine: decides, for target spans in one sentence, the ConText modifiers and the derived assertion,
 * recording the cues that decided them. Rules are compiled once (token trie); a sentence is tokenised once,
 * matched in one pass, and its trigger scopes are computed once for all of its targets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Assertion, Cue, Modifiers } from '../facts/schema.js';
import type { Token } from '../text/tokenize.js';
import { parseLexiconFile } from '../util/lexicon-memo.js';
import { packageRoot } from '../util/package-root.js';
import { PastYear } from './past-year.js';
import {
  ContextLexicon,
  type ContextRule,
  compileRules,
  forEachPhrase,
  type ModifierCategory,
} from './rules.js';
import {
  computeScopes,
  relativeClauses,
  type Scope,
  type ScopeWords,
  selectTriggers,
  type Trigger,
} from './scope.js';
import { type MatchToken, matchTokens } from './tokens.js';
import { type PhraseMatch, TokenTrie } from './trie.js';

export interface ContextTarget {
  /** Document offsets of the target phrase. */
  start: number;
  end: number;
  category?: 'imaging' | 'clinical' | 'treatment';
  /** Concept id, for rules restricted to concepts. */
  concept?: string;
  /** The concept is itself about the past (e.g. `cancer_history`): historical cues do not apply. */
  inherentlyHistorical?: boolean;
  /** The concept happens at one moment (`ConceptDef.event`): a long-past year dates it as care is dated. */
  event?: boolean;
}

/**
 * A cue of a list's lead line ("Patient denies:", "Return to the ED if you develop:") that reaches the colon
 * ending it: it says the same of each item of the list below (the caller knows which lines those are).
 */
export interface ListLead {
  rule: ContextRule;
  cue: Cue;
}

export interface ContextDecision {
  modifiers: Modifiers;
  assertion: Assertion;
  cues: Cue[];
}

export interface ContextSection {
  kind: string;
  title: string | null;
  /** Document offsets of the section header, when known (recorded on a section-default cue). */
  start?: number;
  end?: number;
}

/** family > hypothetical > absent (negated) > possible > historical > present. */
export function deriveAssertion(m: Modifiers): Assertion {
  if (m.family) return 'family';
  if (m.hypothetical) return 'hypothetical';
  if (m.negated) return 'absent';
  if (m.possible) return 'possible';
  if (m.historical) return 'historical';
  return 'present';
}

interface Analysis {
  tokens: MatchToken[];
  candidates: (readonly PhraseMatch[])[];
  triggers: Trigger[];
  /** Relative clauses between commas, found once per sentence (see scope.ts). */
  relative: Int32Array | null;
  scopes: Scope[];
}

export class ContextEngine {
  private readonly trie = new TokenTrie();
  private readonly words: ScopeWords;
  private readonly openers: ReadonlySet<string>;
  private readonly sectionDefaults: ReadonlyMap<string, ModifierCategory>;
  private readonly lexicon: ContextLexicon;
  private readonly pastYear: PastYear | null;
  private allRules: readonly ContextRule[] | null = null;

  private constructor(lex: ContextLexicon) {
    this.lexicon = lex;
    forEachPhrase(lex, (group, phrase, keys) => this.trie.add(group, phrase, keys));
    const lower = (words: readonly string[]) => new Set(words.map((w) => w.toLowerCase()));
    this.words = {
      separators: lower(lex.listSeparators),
      followers: lower(lex.predicateFollowers),
      alternatives: lower(lex.listAlternatives),
      clauseOpeners: lower(lex.commaClauseOpeners),
    };
    this.openers = lower(lex.relativeClauseOpeners);
    this.sectionDefaults = new Map(lex.sectionDefaults.map((d) => [d.kind, d.category]));
    this.pastYear = lex.pastYear ? new PastYear(lex.pastYear) : null;
  }

  /** Every rule, in lexicon order (made on first use: matching makes only the rules it meets). */
  get rules(): readonly ContextRule[] {
    this.allRules ??= compileRules(this.lexicon);
    return this.allRules;
  }

  /** Load a rule file (default: lexicons/context.json of the spinex package). */
  static fromFile(path?: string): ContextEngine {
    const file = path ?? join(packageRoot(), 'lexicons', 'context.json');
    let parsed: z.ZodSafeParseResult<ContextLexicon>;
    try {
      // Known by its role, not its name: the build validated the shipped context.json against this schema.
      parsed = parseLexiconFile('context.json', readFileSync(file, 'utf8'), ContextLexicon);
    } catch (err) {
      throw new Error(`cannot read context rules ${file}: ${(err as Error).message}`);
    }
    try {
      return ContextEngine.fromParsed(parsed);
    } catch (err) {
      throw new Error(`invalid context rules ${file}: ${(err as Error).message}`);
    }
  }

  /** Build from rule data (validated with zod; throws with the first issues named). */
  static fromRules(data: unknown): ContextEngine {
    // Parsed once per engine: zod's JIT would cost more than it saves (see util/warm-parse.ts).
    return ContextEngine.fromParsed(ContextLexicon.safeParse(data, { jitless: true }));
  }

  private static fromParsed(parsed: z.ZodSafeParseResult<ContextLexicon>): ContextEngine {
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      throw new Error(issues);
    }
    return new ContextEngine(parsed.data);
  }

  /**
   * Decide each target of one sentence. `sentenceStart` is the document offset of `sentenceText[0]`; targets
   * and the returned cue offsets are document offsets. `tokens`: `tokenize(sentenceText, sentenceStart)`, when
   * the caller has already cut the sentence (saves cutting it again; the decisions are the same).
   * `referenceYear`: the document's own year, against which care dated to a year is long past (see
   * past-year.ts); without it no year is read.
   */
  apply(
    sentenceText: string,
    sentenceStart: number,
    targets: readonly ContextTarget[],
    section?: ContextSection,
    tokens?: readonly Token[],
    referenceYear?: number | null,
    /** The cues of the list lead this sentence is an item of (`listLead`), if it is one. */
    lead: readonly ListLead[] = [],
  ): ContextDecision[] {
    if (targets.length === 0) return [];
    const shared = this.analyse(sentenceText, sentenceStart, tokens);
    return targets.map((t) =>
      this.decide(shared, sentenceText, sentenceStart, t, section, referenceYear ?? null, lead),
    );
  }

  /**
   * The cues a list's lead line passes on to its items: modifier cues whose forward scope runs through the
   * colon that ends the line ("Denies:", "Call if you develop any of the following:"). None for a line
   * that does not end with a colon, or whose cue stops before it ("started without an inciting event:").
   */
  listLead(sentenceText: string, sentenceStart: number, tokens?: readonly Token[]): ListLead[] {
    if (!sentenceText.trimEnd().endsWith(':')) return [];
    const a = this.analyse(sentenceText, sentenceStart, tokens);
    const out: ListLead[] = [];
    for (const s of a.scopes) {
      if (s.side !== 'forward' || s.to < a.tokens.length || !s.rule.isModifier) continue;
      const t = s.trigger;
      const start = a.tokens[t.start]!.start;
      const end = a.tokens[t.end - 1]!.end;
      out.push({
        rule: s.rule,
        cue: {
          category: s.rule.category as ModifierCategory,
          text: sentenceText.slice(start - sentenceStart, end - sentenceStart),
          start,
          end,
          rule: s.rule.id,
        },
      });
    }
    return out;
  }

  private analyse(sentenceText: string, sentenceStart: number, tokens?: readonly Token[]): Analysis {
    const stream = matchTokens(sentenceText, sentenceStart, tokens);
    const candidates: (readonly PhraseMatch[])[] = new Array(stream.length);
    for (let i = 0; i < stream.length; i++) candidates[i] = this.trie.matchesAt(stream, i);
    const triggers = selectTriggers(candidates);
    const relative = this.openers.size > 0 ? relativeClauses(stream, this.openers) : null;
    return {
      tokens: stream,
      candidates,
      triggers,
      relative,
      scopes: computeScopes(stream, triggers, this.words, relative),
    };
  }

  private decide(
    a: Analysis,
    text: string,
    sentenceStart: number,
    target: ContextTarget,
    section: ContextSection | undefined,
    referenceYear: number | null,
    lead: readonly ListLead[],
  ): ContextDecision {
    const modifiers: Modifiers = {
      negated: false,
      possible: false,
      historical: false,
      hypothetical: false,
      family: false,
    };
    const cues: Cue[] = [];
    const seen = new Set<string>();
    // A hypothetical cue that no answer in the sentence can close ("if", "return for").
    let openQuestion = false;
    const mark = (rule: ContextRule, from: number, to: number) => {
      const cat = rule.category as ModifierCategory;
      if (cat === 'historical' && target.inherentlyHistorical) return;
      if (!rule.appliesTo(target)) return;
      const tStart = a.tokens[from]!.start;
      const tEnd = a.tokens[to - 1]!.end;
      const key = `${cat}:${tStart}`;
      if (seen.has(key)) return;
      seen.add(key);
      modifiers[cat] = true;
      if (cat === 'hypothetical' && !rule.answerable) openQuestion = true;
      cues.push({
        category: cat,
        text: text.slice(tStart - sentenceStart, tEnd - sentenceStart),
        start: tStart,
        end: tEnd,
        rule: rule.id,
      });
    };
    const span = tokenSpan(a.tokens, target);
    if (span) {
      const [first, last] = span;
      let scopes = a.scopes;
      // A trigger inside the target is part of its name ("no improvement despite" as treatment failure):
      // re-resolve this sentence as if the target's tokens held no phrase. A trigger that only reaches into
      // the target's edge still counts when the name holds no trigger of its category ("family history of"
      // before the term "history of cancer"), but not when it reads the name's own cue again ("with no"
      // before "no improvement") or is a pseudo-trigger made of the name's words ("no change in").
      if (a.triggers.some((t) => t.start <= last && t.end > first)) {
        const inner = innerCategories(a.candidates, first, last);
        const allow = (s: number, e: number, m: PhraseMatch) => {
          if (e <= first || s > last) return true;
          const partial = (s < first && e <= last) || (s > first && e > last + 1);
          if (!partial) return false;
          let modifier = false;
          for (const r of m.rules) {
            if (r.category === 'pseudo' || inner.has(r.category)) return false;
            if (r.isModifier) modifier = true;
          }
          return modifier;
        };
        const triggers = selectTriggers(a.candidates, allow);
        scopes = computeScopes(a.tokens, triggers, this.words, a.relative);
      }
      for (const s of scopes) {
        if (s.predicative && target.category === 'treatment') continue;
        const t = s.trigger;
        let edge: number;
        if (s.side === 'forward') edge = t.start < first && t.end > first ? t.end : first;
        else edge = t.start <= last && t.end > last + 1 && t.start > first ? t.start - 1 : last;
        if (edge < s.from || edge >= s.to) continue;
        mark(s.rule, t.start, t.end);
      }
      // Some phrases modify the target even as part of its own words ("toes downgoing"): the longest one
      // at a place, so that "are widely patent" is one cue, not three. Only phrases of rules for this target
      // count: "is normal" of the canal's rules must not hide the "normal" of "marrow signal is normal".
      const inside = (r: ContextRule) => r.withinTarget && r.isModifier && r.appliesTo(target);
      for (let i = first; i <= last; i++) {
        let longest: PhraseMatch | null = null;
        for (const m of a.candidates[i]!) {
          if (i + m.len - 1 > last) break;
          if (m.rules.some(inside)) longest = m;
        }
        if (!longest) continue;
        for (const r of longest.rules) if (inside(r)) mark(r, i, i + longest.len);
        i += longest.len - 1;
      }
      for (const { rule, cue } of lead) {
        if (!rule.appliesTo(target) || (cue.category === 'historical' && target.inherentlyHistorical))
          continue;
        modifiers[cue.category as ModifierCategory] = true;
        cues.push(cue);
      }
      cues.sort((x, y) => x.start - y.start);
      if (!openQuestion) answered(modifiers, cues, target);
    }
    if (this.pastYear && referenceYear !== null && !target.inherentlyHistorical && !modifiers.historical) {
      const cue =
        this.pastYear.cue(text, sentenceStart, target.end, referenceYear) ??
        this.pastYear.openingCue(text, sentenceStart, target.start, referenceYear) ??
        this.pastYear.yearBeforeCue(text, sentenceStart, target.start, referenceYear);
      if (
        cue !== null &&
        (target.category === 'treatment' ||
          target.event === true ||
          (target.category === undefined &&
            this.pastYear.namesProcedure(
              text.slice(target.start - sentenceStart, target.end - sentenceStart),
            )) ||
          (!modifiers.negated && this.pastYear.toldAsEvent(text, sentenceStart, target.start)))
      ) {
        modifiers.historical = true;
        cues.push(cue);
        cues.sort((x, y) => x.start - y.start);
      }
    }
    const def = section ? this.sectionDefaults.get(section.kind) : undefined;
    if (section && def && !modifiers[def] && !(def === 'historical' && target.inherentlyHistorical)) {
      modifiers[def] = true;
      cues.push({
        category: def,
        text: section.title ?? section.kind,
        start: section.start ?? sentenceStart,
        end: section.end ?? section.start ?? sentenceStart,
        rule: `section:${section.kind}`,
      });
    }
    return { modifiers, assertion: deriveAssertion(modifiers), cues };
  }
}

/** Rule categories of the phrases lying wholly inside tokens [first, last]. */
function innerCategories(
  candidates: readonly (readonly PhraseMatch[])[],
  first: number,
  last: number,
): Set<string> {
  const cats = new Set<string>();
  for (let i = first; i <= last; i++) {
    for (const m of candidates[i]!) {
      if (i + m.len - 1 > last) break;
      for (const r of m.rules) cats.add(r.category);
    }
  }
  return cats;
}

/** Token indices [first, last] covered by a target's document span, or null when it covers no token. */
function tokenSpan(tokens: readonly MatchToken[], target: ContextTarget): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end <= target.start) continue;
    if (t.start >= target.end) break;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? null : [first, last];
}

/**
 * A question the sentence answers is no longer open: "Workup for PE was negative" is absent, not
 * hypothetical, when every hypothetical cue is an answerable one (the caller checks) and a negation after
 * the target answers it.
 */
function answered(modifiers: Modifiers, cues: Cue[], target: ContextTarget): void {
  if (!modifiers.hypothetical || !modifiers.negated) return;
  if (!cues.some((c) => c.category === 'negated' && c.start >= target.end)) return;
  modifiers.hypothetical = false;
  for (let i = cues.length - 1; i >= 0; i--) if (cues[i]!.category === 'hypothetical') cues.splice(i, 1);
}
