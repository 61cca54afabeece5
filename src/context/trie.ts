/**
 * All trigger phrases compiled once into two token tries (literal keys and Porter stems). Matching walks the
 * tries from each token, so a sentence costs O(tokens × longest phrase) whatever the number of rules.
 *
 * A phrase's rule object is made the first time the phrase matches: of ~9,000 phrases a run meets a few
 * hundred, and making them all is most of what loading the rules would cost.
 */
import { type CompiledGroup, ContextRule } from './rules.js';
import type { MatchToken } from './tokens.js';

interface Pending {
  group: CompiledGroup;
  phrase: string;
}

class TrieNode {
  /** Most nodes are phrase ends with no continuation: their map is never made. */
  next: Map<string, TrieNode> | null = null;
  /** The phrases ending here (null: none), in the order they were added. */
  pending: Pending[] | null = null;
  /** Their rules, once made. */
  rules: ContextRule[] | null = null;
  /** Those that count before a word (not clause-final), once made. */
  beforeWord: ContextRule[] | null = null;
  /** Those that count inside a clause (not clause-initial), once made. */
  afterWord: ContextRule[] | null = null;
  /** Some of the phrases count only at a clause end. */
  final = false;
  /** Some of the phrases count only at a clause start. */
  initial = false;
  /** Some of the phrases do not count before certain words. */
  guarded = false;

  constructor(
    readonly parent: TrieNode | null,
    readonly key: string,
  ) {}

  /** The rules of the phrases ending here (they share one keys array: the path to this node). */
  made(): ContextRule[] {
    if (this.rules) return this.rules;
    const keys: string[] = [];
    for (let n: TrieNode | null = this; n.parent; n = n.parent) keys.push(n.key);
    keys.reverse();
    this.rules = this.pending!.map(
      (p) => new ContextRule(p.group.settings, `${p.group.id}:${p.phrase}`, p.phrase, keys),
    );
    return this.rules;
  }
}

export interface PhraseMatch {
  /** Number of tokens matched. */
  len: number;
  rules: readonly ContextRule[];
}

const NO_MATCHES: readonly PhraseMatch[] = Object.freeze([]);

/** Where a clause starts: a clause-initial phrase counts after these or at the sentence start. */
const CLAUSE_OPENING: ReadonlySet<string> = new Set([
  ',',
  ';',
  ':',
  '(',
  '.',
  '!',
  '?',
  '-',
  '*',
  '•',
  'and',
  'but',
  'or',
]);

export class TokenTrie {
  private readonly literal = new TrieNode(null, '');
  private readonly stemmed = new TrieNode(null, '');

  /**
   * Add one phrase of a group (its keys are read now, not kept). False when the group already added a phrase
   * of the same keys (a group's phrases are added one after another).
   */
  add(group: CompiledGroup, phrase: string, keys: readonly string[]): boolean {
    let node = group.settings.stem ? this.stemmed : this.literal;
    for (const k of keys) {
      node.next ??= new Map();
      let child = node.next.get(k);
      if (!child) {
        child = new TrieNode(node, k);
        node.next.set(k, child);
      }
      node = child;
    }
    if (!node.pending) node.pending = [{ group, phrase }];
    else if (node.pending[node.pending.length - 1]!.group === group) return false;
    else node.pending.push({ group, phrase });
    if (group.settings.clauseFinal) node.final = true;
    if (group.settings.clauseInitial) node.initial = true;
    if (group.settings.unlessNext) node.guarded = true;
    return true;
  }

  /**
   * Every phrase that starts at token `i`, shortest first (rules of equal length from both tries merged). Most
   * tokens start none: they share one frozen empty list.
   */
  matchesAt(tokens: readonly MatchToken[], i: number): readonly PhraseMatch[] {
    let found = walk(this.literal, tokens, i, false, null);
    if (this.stemmed.next) found = walk(this.stemmed, tokens, i, true, found);
    if (!found) return NO_MATCHES;
    if (found.length < 2) return found;
    found.sort((a, b) => a.len - b.len);
    const merged: PhraseMatch[] = [];
    for (const m of found) {
      const last = merged[merged.length - 1];
      if (last && last.len === m.len) last.rules = [...last.rules, ...m.rules];
      else merged.push({ len: m.len, rules: m.rules });
    }
    return merged;
  }
}

/** Appends the phrases of one trie that start at token `i` to `out` (made on the first one found). */
function walk(
  root: TrieNode,
  tokens: readonly MatchToken[],
  i: number,
  useStem: boolean,
  out: PhraseMatch[] | null,
): PhraseMatch[] | null {
  let node: TrieNode | undefined = root;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    node = node.next?.get(useStem ? t.stemKey : t.key);
    if (!node) return out;
    if (!node.pending) continue;
    let rules: readonly ContextRule[] = node.made();
    // A clause-final phrase before a word is read as an adjective of that word ("scheduled acetaminophen").
    if (node.final && tokens[j + 1]?.word) {
      node.beforeWord ??= rules.filter((r) => !r.clauseFinal);
      rules = node.beforeWord;
    }
    // A clause-initial phrase anywhere but after CLAUSE_OPENING is inside a clause ("pain should improve",
    // "decompression at L4-5 should relieve" is no inverted "if").
    if (node.initial && i > 0 && !CLAUSE_OPENING.has(tokens[i - 1]!.key)) {
      const all = node.made();
      node.afterWord ??= all.filter((r) => !r.clauseInitial);
      rules = rules === all ? node.afterWord : rules.filter((r) => !r.clauseInitial);
    }
    if (node.guarded) {
      const next = tokens[j + 1]?.key;
      if (next !== undefined) rules = rules.filter((r) => !r.unlessNext?.has(next));
    }
    if (!rules.length) continue;
    out ??= [];
    out.push({ len: j - i + 1, rules });
  }
  return out;
}
