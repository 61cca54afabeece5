/**
 * All trigger phrases compiled once into two token tries (literal keys and Porter stems). Matching walks the
 * tries from each token, so a sentence costs O(tokens × longest phrase) whatever the number of rules.
 */
import type { ContextRule } from './rules.js';
import type { MatchToken } from './tokens.js';

class TrieNode {
  readonly next = new Map<string, TrieNode>();
  rules: ContextRule[] | null = null;
  /** Some of `rules` count only at a clause end. */
  final = false;
}

export interface PhraseMatch {
  /** Number of tokens matched. */
  len: number;
  rules: ContextRule[];
}

export class TokenTrie {
  private readonly literal = new TrieNode();
  private readonly stemmed = new TrieNode();

  constructor(rules: Iterable<ContextRule>) {
    for (const r of rules) {
      let node = r.stem ? this.stemmed : this.literal;
      for (const k of r.keys) {
        let child = node.next.get(k);
        if (!child) {
          child = new TrieNode();
          node.next.set(k, child);
        }
        node = child;
      }
      if (node.rules) node.rules.push(r);
      else node.rules = [r];
      if (r.clauseFinal) node.final = true;
    }
  }

  /** Every phrase that starts at token `i`, shortest first (rules of equal length from both tries merged). */
  matchesAt(tokens: readonly MatchToken[], i: number): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    walk(this.literal, tokens, i, false, found);
    walk(this.stemmed, tokens, i, true, found);
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

function walk(
  root: TrieNode,
  tokens: readonly MatchToken[],
  i: number,
  useStem: boolean,
  out: PhraseMatch[],
): void {
  let node: TrieNode | undefined = root;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    node = node.next.get(useStem ? t.stemKey : t.key);
    if (!node) return;
    if (!node.rules) continue;
    let rules = node.rules;
    // A clause-final phrase before a word is read as an adjective of that word ("scheduled acetaminophen").
    if (node.final && tokens[j + 1]?.word) rules = rules.filter((r) => !r.clauseFinal);
    if (rules.length) out.push({ len: j - i + 1, rules });
  }
}
