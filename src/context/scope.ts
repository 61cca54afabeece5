/**
 * From phrase matches to triggers with scopes. Overlaps are resolved greedily: pseudo-triggers first (they
 * exist to block the triggers they overlap), then longer phrases before shorter, then left to right. A
 * modifier's scope runs from the trigger in its direction and stops at the sentence edge, its word limit, a
 * terminator or pseudo-trigger, a list separator when the rule is not list-scoped, or a trigger of another
 * category that follows a comma ("denies chest pain, possible syncope"). A pseudo-trigger ends every scope
 * unless its group names the categories it ends ("natural history of" only ends a historical scope).
 * A condition or warning reads through the soft terminators that only name what it looks for ("return for
 * fever, severe pain"; "if there is weakness"). A backward scope does not reach into an earlier clause: it
 * may be limited to list commas, and when it crossed a comma and then runs into a subordinator or another
 * cue, it keeps only the clause after that comma ("Given the history of X, Y cannot be excluded").
 */
import type { ContextRule, ModifierCategory } from './rules.js';
import type { MatchToken } from './tokens.js';
import type { PhraseMatch } from './trie.js';

export interface Trigger {
  /** Token range [start, end) in the match stream. */
  start: number;
  end: number;
  pseudo: boolean;
  /** Modifier categories whose scope this trigger ends (all of them for a pseudo-trigger, unless it names some). */
  terminates: ReadonlySet<ModifierCategory>;
  /** Categories whose scope this trigger ends only when the scope is a care cue's. */
  terminatesCare: ReadonlySet<ModifierCategory>;
  /** Categories whose scope this trigger ends unless the scope is a condition that reads through it. */
  terminatesSoft: ReadonlySet<ModifierCategory>;
  /** Categories whose backward scope is dropped when it runs into this trigger. */
  claims: ReadonlySet<ModifierCategory>;
  /** Categories whose backward scope, having crossed a comma, stops at that comma when it runs into this trigger. */
  subordinate: ReadonlySet<ModifierCategory>;
  modifiers: readonly ContextRule[];
}

export interface Scope {
  rule: ContextRule;
  trigger: Trigger;
  /** Token range [from, to) the rule covers, and which end of a target must fall inside it. */
  from: number;
  to: number;
  side: 'forward' | 'backward';
  /**
   * A backward scope that reaches past another cue's comma because the trigger is a bare predicate ("history
   * of X, now resolved"): it says what became of a finding, never of care ("s/p ESI, now resolved").
   */
  predicative?: boolean;
}

const NONE: ReadonlySet<ModifierCategory> = new Set();

/** What a phrase match does as a trigger: everything but where it stands. */
type TriggerKind = Omit<Trigger, 'start' | 'end'>;

// A phrase's rule list is made once and shared by every match of it (trie.ts), so its kind is worked out once.
const kinds = new WeakMap<readonly ContextRule[], TriggerKind>();

function toTrigger(start: number, m: PhraseMatch): Trigger {
  let k = kinds.get(m.rules);
  if (!k) {
    k = kindOf(m.rules);
    kinds.set(m.rules, k);
  }
  return {
    start,
    end: start + m.len,
    pseudo: k.pseudo,
    terminates: k.terminates,
    terminatesCare: k.terminatesCare,
    terminatesSoft: k.terminatesSoft,
    claims: k.claims,
    subordinate: k.subordinate,
    modifiers: k.modifiers,
  };
}

function kindOf(rules: readonly ContextRule[]): TriggerKind {
  const pseudo = rules.some((r) => r.category === 'pseudo');
  const modifiers = pseudo ? [] : rules.filter((r) => r.isModifier);
  const ending = pseudo ? 'pseudo' : 'terminate';
  const terminates = new Set<ModifierCategory>();
  let terminatesCare: Set<ModifierCategory> | null = null;
  let terminatesSoft: Set<ModifierCategory> | null = null;
  let claims: Set<ModifierCategory> | null = null;
  let subordinate: Set<ModifierCategory> | null = null;
  for (const r of rules) {
    if (r.category !== ending) continue;
    let into = terminates;
    if (r.careOnly) into = terminatesCare ??= new Set();
    else if (r.spareInCondition) into = terminatesSoft ??= new Set();
    for (const c of r.terminates) into.add(c);
    if (r.claimsClause) {
      claims ??= new Set();
      for (const c of r.terminates) claims.add(c);
    }
    if (r.subordinate) {
      subordinate ??= new Set();
      for (const c of r.terminates) subordinate.add(c);
    }
  }
  return {
    pseudo,
    terminates,
    terminatesCare: terminatesCare ?? NONE,
    terminatesSoft: terminatesSoft ?? NONE,
    claims: claims ?? NONE,
    subordinate: subordinate ?? NONE,
    modifiers,
  };
}

/**
 * Choose non-overlapping triggers. `candidates[i]` lists the phrases starting at token i (shortest first);
 * `allow` can veto a phrase at a span (used to ignore triggers inside a target).
 */
export function selectTriggers(
  candidates: readonly (readonly PhraseMatch[])[],
  allow: (start: number, end: number, match: PhraseMatch) => boolean = () => true,
): Trigger[] {
  const pool: Trigger[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const list = candidates[i]!;
    for (let k = list.length - 1; k >= 0; k--) {
      const m = list[k]!;
      if (allow(i, i + m.len, m)) {
        pool.push(toTrigger(i, m));
        break;
      }
    }
  }
  if (pool.length === 0) return pool;
  // A pseudo-trigger blocks the triggers it overlaps, but not one that holds it whole and says more ("his
  // wife reports that she" is about the wife; "his wife reports" alone speaks for the patient).
  const held = (p: Trigger) =>
    p.pseudo &&
    pool.some((t) => !t.pseudo && t.start <= p.start && t.end >= p.end && t.end - t.start > p.end - p.start);
  if (pool.some((t) => t.pseudo))
    for (let i = pool.length - 1; i >= 0; i--) if (held(pool[i]!)) pool.splice(i, 1);
  pool.sort(
    (a, b) => Number(b.pseudo) - Number(a.pseudo) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const claimed = new Uint8Array(candidates.length);
  const chosen: Trigger[] = [];
  outer: for (const t of pool) {
    for (let k = t.start; k < t.end; k++) if (claimed[k]) continue outer;
    for (let k = t.start; k < t.end; k++) claimed[k] = 1;
    chosen.push(t);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Tokens a relative clause between commas may hold ("which had been present for three months"). */
const MAX_RELATIVE_CLAUSE = 16;
/** Words an item of a denied list may have once the list has run past its cue's scope ("unintentional weight loss"). */
const LIST_ITEM_WORDS = 4;
/** Where even a denied list of short items ends: a review of systems, not a paragraph. */
const LIST_MAX_WORDS = 40;
/** Tokens a bracketed aside may hold for a backward scope to pass over it uncounted. */
const BRACKET_ASIDE = 12;

/**
 * Whether a scope of `rule` has run out after `words` words: past `limit`, unless it is a denied list that has
 * crossed a comma and whose current item is still short ("Denies fever, chills, night sweats, ... or saddle
 * anesthesia", either way from its cue).
 */
function pastLimit(
  rule: ContextRule,
  words: number,
  limit: number,
  inList: boolean,
  itemWords: number,
): boolean {
  if (words <= limit) return false;
  const longList = rule.category === 'negated' && rule.listScope && inList;
  return !(longList && itemWords <= LIST_ITEM_WORDS && words <= LIST_MAX_WORDS);
}

/**
 * Words that announce a list after a colon: "negative for the following: fever, chills", "no red flag
 * symptoms: fever, weight loss".
 */
const ANNOUNCES_LIST: ReadonlySet<string> = new Set([
  'following',
  'these',
  'below',
  'include',
  'includes',
  'including',
  'flags',
  'symptoms',
  'signs',
  'features',
  'findings',
  'complaints',
]);

/**
 * For each comma that closes a relative clause (", which had lasted months,"), the index of the comma that
 * opens it; -1 elsewhere.
 */
export function relativeClauses(
  tokens: readonly MatchToken[],
  openers: ReadonlySet<string>,
): Int32Array | null {
  let out: Int32Array | null = null;
  let open = -1;
  for (let k = 0; k < tokens.length; k++) {
    const key = tokens[k]!.key;
    if (key === ',') {
      if (open >= 0 && k - open <= MAX_RELATIVE_CLAUSE) {
        out ??= new Int32Array(tokens.length).fill(-1);
        out[k] = open;
        open = -1;
        continue;
      }
      open = k + 1 < tokens.length && openers.has(tokens[k + 1]!.key) ? k : -1;
    } else if (key === '.' || key === ';' || key === ':') open = -1;
  }
  return out;
}

/** The lexicon's word lists that shape scopes, lower-cased. */
export interface ScopeWords {
  /** `listSeparators`: they end a scope that is not list-scoped. */
  separators: ReadonlySet<string>;
  /** `predicateFollowers`: words that may follow a backward trigger used as a predicate. */
  followers: ReadonlySet<string>;
  /** `listAlternatives`: a cue of another kind right after one is an item of a denied list. */
  alternatives: ReadonlySet<string>;
  /** `commaClauseOpeners`: right after a comma they open a clause that a forward scope does not enter. */
  clauseOpeners: ReadonlySet<string>;
}

export function computeScopes(
  tokens: readonly MatchToken[],
  triggers: readonly Trigger[],
  words: ScopeWords,
  /** `relativeClauses` of the same tokens (null: none). */
  relative: Int32Array | null = null,
): Scope[] {
  const { separators, followers, alternatives, clauseOpeners } = words;
  const n = tokens.length;
  const startAt: (Trigger | undefined)[] = new Array(n);
  const endAt: (Trigger | undefined)[] = new Array(n);
  for (const t of triggers) {
    startAt[t.start] = t;
    endAt[t.end - 1] = t;
  }

  function wordsIn(t: Trigger): number {
    let w = 0;
    for (let k = t.start; k < t.end; k++) if (tokens[k]!.counts) w++;
    return w;
  }

  /** True when `other` ends the scope of `rule` (seen after a comma when `afterComma`). */
  function stops(other: Trigger, rule: ContextRule, afterComma: boolean): boolean {
    const cat = rule.category as ModifierCategory;
    if (other.terminates.has(cat) || (rule.isCareCue && other.terminatesCare.has(cat))) return true;
    if (other.terminatesSoft.has(cat) && !readsThrough(other, rule, afterComma)) return true;
    // "No fever, chills, or history of cancer": past "or" the other cue names one more denied item.
    if (cat === 'negated' && alternatives.has(tokens[other.start - 1]?.key ?? '')) return false;
    // "Denies fever, history of cancer, IV drug use or saddle anesthesia": a cue that opens an item of a
    // denied list which runs on to its "or" is one more denied item.
    if (cat === 'negated' && tokens[other.start - 1]?.key === ',' && listRunsToAlternative(other.end))
      return false;
    return afterComma && other.modifiers.some((r) => r.category !== rule.category);
  }

  /** From `k`, short comma-separated items up to an "or"/"nor" item: the rest of a list of alternatives. */
  function listRunsToAlternative(k: number): boolean {
    let item = 0;
    let commas = 0;
    for (; k < n; k++) {
      const tok = tokens[k]!;
      if (tok.key === ',') {
        item = 0;
        commas++;
      } else if (alternatives.has(tok.key)) return commas > 0 || item <= LIST_ITEM_WORDS;
      else if (!tok.counts || ++item > LIST_ITEM_WORDS) return false;
    }
    return false;
  }

  /** A condition reads through a soft terminator: anywhere, or only inside its clause (before any comma). */
  function readsThrough(other: Trigger, rule: ContextRule, afterComma: boolean): boolean {
    if (rule.conditional === 'scope') return true;
    return rule.conditional === 'clause' && !afterComma && tokens[other.start]!.key !== ',';
  }

  /** The comma closing the relative clause that the comma at `open` opens, or -1. */
  function closingComma(open: number): number {
    if (!relative) return -1;
    for (let j = open + 1; j < n && j <= open + MAX_RELATIVE_CLAUSE + 1; j++)
      if (relative[j] === open) return j;
    return -1;
  }

  /** Set by `forward`: its scope crossed a comma. */
  let forwardComma = false;

  function forward(t: Trigger, rule: ContextRule): number {
    let words = 0;
    let comma = false;
    forwardComma = false;
    // A conditional clause ("if X or Y worsens,") may be longer than the usual scope; its comma closes it.
    let limit = rule.clauseScope ?? rule.maxScope;
    // A denied list runs as long as it is written: `pastLimit`.
    let itemWords = 0;
    let k = t.end;
    while (k < n) {
      const o = startAt[k];
      if (o) {
        if (stops(o, rule, comma)) break;
        // A phrase the scope passes over still counts its words.
        const w = wordsIn(o);
        words += w;
        itemWords += w;
        if (pastLimit(rule, words, limit, comma, itemWords)) break;
        k = o.end;
        continue;
      }
      const tok = tokens[k]!;
      if (!rule.listScope && separators.has(tok.key)) break;
      if (separators.has(tok.key)) itemWords = 0;
      // A colon right after a negation opens its list ("Denies: fever, chills"); one after the words it
      // denies opens a new statement ("started without an inciting event: low back pain ..."). Other cues
      // reach on: what follows a recommendation's colon spells it out ("Recommend activity modification:
      // no heavy lifting").
      if (
        tok.key === ':' &&
        k > t.end &&
        rule.category === 'negated' &&
        !ANNOUNCES_LIST.has(tokens[k - 1]!.key)
      )
        break;
      // A cue inside a relative clause between commas says nothing past the comma that closes it:
      // "extrusion, which does not enhance, compressing the L5 root" compresses the root.
      if (relative && relative[k]! >= 0 && relative[k]! < t.start) break;
      // One the scope meets is passed over whole, as backward, when its list goes on after it: "No fever,
      // which would suggest infection, or chills" denies the chills. Else the clause is a statement of its
      // own ("with no past history, who presents with fever, chills ...").
      const close = relative && tok.key === ',' ? closingComma(k) : -1;
      if (close > 0 && alternatives.has(tokens[close + 1]?.key ?? '')) {
        k = close;
        continue;
      }
      if (tok.key === ',') {
        // "likely degenerative, with severe facet arthropathy": the hedge is said of what precedes.
        if (!rule.commaScope || clauseOpeners.has(tokens[k + 1]?.key ?? '')) break;
        if (!comma && rule.clauseScope !== null) {
          words = 0;
          limit = rule.maxScope;
        }
        comma = true;
        forwardComma = true;
      }
      if (tok.counts) {
        words++;
        itemWords++;
        if (pastLimit(rule, words, limit, comma, itemWords)) break;
      }
      k++;
    }
    return k;
  }

  /** The "(" of the ")" at `close`, at most BRACKET_ASIDE tokens back with no ";" between, or -1. */
  function bracketOpening(close: number): number {
    for (let j = close - 1; j >= 0 && j >= close - BRACKET_ASIDE; j--) {
      const key = tokens[j]!.key;
      if (key === '(') return j;
      if (key === ')' || key === ';' || key === '.') return -1;
    }
    return -1;
  }

  /** Set by `backward`: the scope it returned reaches past another cue's comma (see Scope.predicative). */
  let reachedPast = false;

  function backward(t: Trigger, rule: ContextRule): number {
    reachedPast = false;
    const cat = rule.category as ModifierCategory;
    let words = 0;
    let comma = false;
    let firstComma = -1;
    let lastComma = -1;
    /** Words between the trigger and the first comma before it: 0 when the trigger is a bare predicate. */
    let nearWords = -1;
    let listWord = false;
    let itemWords = 0;
    let k = t.start - 1;
    while (k >= 0) {
      const o = endAt[k];
      if (o) {
        if (stops(o, rule, comma)) {
          // A care verb governs its clause up to the next comma ("start gabapentin tonight"; "continue
          // naproxen, ESI planned"): the backward scope keeps only what lies after that comma.
          if (o.claims.has(cat)) return firstComma < 0 ? t.start : firstComma + 1;
          // The clause a subordinator opens ("Given the history of X,") or another cue's item ("history of
          // X, Y cannot be excluded") ends at its comma: the scope keeps only the clause after that comma.
          // Unless nothing stands between that comma and the trigger and it ends its clause: "history of X,
          // now resolved" says it of X, the only thing it can be said of ("X, unremarkable MRI" does not).
          if (comma && (o.subordinate.has(cat) || !o.terminates.has(cat))) {
            if (nearWords > 0 || !endsClause(t)) return lastComma + 1;
            reachedPast = true;
          }
          break;
        }
        const w = wordsIn(o);
        words += w;
        itemWords += w;
        if (pastLimit(rule, words, rule.maxScope, comma, itemWords)) break;
        k = o.start - 1;
        continue;
      }
      // A relative clause between commas is passed over whole, whatever it says of its own: "The pain,
      // which was never treated, has resolved" resolves the pain.
      const opener = relative ? relative[k]! : -1;
      if (opener >= 0) {
        k = opener - 1;
        continue;
      }
      const tok = tokens[k]!;
      // A short aside in brackets counts no words: "L EHL weakness (4/5 at the 2 week review) has resolved".
      if (tok.key === ')') {
        const open = bracketOpening(k);
        if (open >= 0) {
          k = open - 1;
          continue;
        }
      }
      if (!rule.listScope && separators.has(tok.key)) break;
      if (tok.key === ',') {
        if (!rule.commaScope) break;
        // Only a list comma is crossed ("X, Y, or Z cannot be excluded"; "edema, contusion, hemorrhage"), not
        // one that closes an earlier clause ("Given the history of X, an underlying Y cannot be excluded"). A
        // negation with no "and"/"or" takes a list of single words on both sides only ("L2 abscess on MRI,
        // fever now resolved" is two statements; a red flag is not negated by its neighbour's course).
        if (
          rule.commaScope === 'list' &&
          !listWord &&
          (itemWords > 1 || (itemWords === 1 && cat === 'negated' && wordsBefore(k) > 1))
        )
          break;
        comma = true;
        itemWords = 0;
        if (firstComma < 0) {
          firstComma = k;
          nearWords = words;
        }
        lastComma = k;
      } else if (separators.has(tok.key)) listWord = true;
      if (tok.counts) {
        itemWords++;
        words++;
        if (pastLimit(rule, words, rule.maxScope, comma, itemWords)) break;
      }
      k--;
    }
    return k + 1;
  }

  /** Counting words of the item before comma `k`, back to the previous comma, separator or trigger (at most 2). */
  function wordsBefore(k: number): number {
    let w = 0;
    for (let j = k - 1; j >= 0 && w < 2; j--) {
      const tok = tokens[j]!;
      if (tok.key === ',' || separators.has(tok.key) || endAt[j]) break;
      if (tok.counts) w++;
    }
    return w;
  }

  /** The trigger is a predicate: punctuation, a number or a listed preposition follows, or nothing. */
  function endsClause(t: Trigger): boolean {
    const next = tokens[t.end];
    if (!next?.word) return true;
    return followers.has(next.key);
  }

  /**
   * The trigger opens a relative clause between commas that the sentence goes on after (", which resolved
   * after the ESI, recurred"): what follows the clause is said of the noun, not the aside.
   */
  function asideGoesOn(t: Trigger): boolean {
    if (!relative) return false;
    // The comma that opens the clause: the trigger's own first token (", which resolved") or the one before.
    const open = tokens[t.start]!.key === ',' ? t.start : t.start - 1;
    if (open < 0 || tokens[open]!.key !== ',') return false;
    for (let k = t.end; k < n; k++) {
      if (relative[k] !== open) continue;
      for (let j = k + 1; j < n; j++) if (tokens[j]!.counts) return true;
      return false;
    }
    return false;
  }

  function nothingAfter(t: Trigger): boolean {
    for (let k = t.end; k < n; k++) if (tokens[k]!.counts) return false;
    return true;
  }

  /**
   * A trigger of marks alone written against one word and apart from the other ("?disc prolapse",
   * "prolapse?") speaks of that word only: 'next' or 'prev'; null when it stands free or between two.
   */
  function gluedTo(t: Trigger): 'next' | 'prev' | null {
    for (let k = t.start; k < t.end; k++) if (tokens[k]!.word) return null;
    const next = tokens[t.end];
    const prev = tokens[t.start - 1];
    const toNext = next?.word === true && next.start === tokens[t.end - 1]!.end;
    const toPrev = prev?.word === true && prev.end === tokens[t.start]!.start;
    if (toNext === toPrev) return null;
    return toNext ? 'next' : 'prev';
  }

  const scopes: Scope[] = [];
  for (const t of triggers) {
    const glued = gluedTo(t);
    for (const rule of t.modifiers) {
      const dir = rule.direction;
      if (dir !== 'backward' && glued !== 'prev') {
        const to = forward(t, rule);
        // An inverted condition is closed by a comma and its main clause ("Should X occur, call"); with no
        // comma it was advice ("Should urgently obtain MRI for X").
        const open = rule.clauseInitial && !forwardComma;
        if (to > t.end && !open) scopes.push({ rule, trigger: t, from: t.end, to, side: 'forward' });
      }
      // A negation left dangling at the end ("Chest pain: denies.", "Fever: none") looks back instead.
      if (glued === 'next') continue;
      if ((dir !== 'forward' && !asideGoesOn(t)) || (rule.category === 'negated' && nothingAfter(t))) {
        const from = backward(t, rule);
        if (from < t.start)
          scopes.push({
            rule,
            trigger: t,
            from,
            to: t.start,
            side: 'backward',
            ...(reachedPast ? { predicative: true } : {}),
          });
      }
    }
  }
  return scopes;
}
