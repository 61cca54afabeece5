import { describe, expect, it } from 'vitest';
import {
  exactKey,
  matchableTokens,
  PhraseTrie,
  phraseKeys,
  plainKeyRows,
  plainKeys,
  plainKeyTable,
  type TrieMatch,
} from '../../src/match/trie.js';
import { type Token, tokenize } from '../../src/text/tokenize.js';
import { rng } from '../helpers/random.js';

const GAP_STOPS = ['no', 'without', 'not'];

/**
 * The matcher as first written (recursive closures, keys asked for at every step), kept as the reference
 * the non-allocating walk must agree with match for match.
 */
function referenceMatcher<T>(
  phrases: [string[], T][],
  tokens: Token[],
  keysOf: (t: Token) => readonly string[],
): { scan(): TrieMatch<T>[]; longestAt(i: number): TrieMatch<T> | null } {
  interface N {
    next: Map<string, N>;
    gap: N | null;
    payload: T | null;
  }
  const root: N = { next: new Map(), gap: null, payload: null };
  const stops = new Set(GAP_STOPS.flatMap((w) => tokenize(w).map((t) => t.norm)));
  for (const [keys, payload] of phrases) {
    if (keys.length === 0) continue;
    let node = root;
    for (const k of keys) {
      if (k === '...') {
        node.gap ??= { next: new Map(), gap: null, payload: null };
        node = node.gap;
        continue;
      }
      let child = node.next.get(k);
      if (!child) {
        child = { next: new Map(), gap: null, payload: null };
        node.next.set(k, child);
      }
      node = child;
    }
    if (node.payload === null) node.payload = payload;
  }
  const longestAt = (i: number): TrieMatch<T> | null => {
    let best: TrieMatch<T> | null = null;
    const walk = (node: N, j: number, hasGap: boolean, budget: number): void => {
      if (node.payload !== null && j > i && (!best || j > best.end)) {
        best = { start: i, end: j, payload: node.payload, hasGap };
      }
      if (budget <= 0) return;
      if (j < tokens.length) {
        for (const k of keysOf(tokens[j]!)) {
          const child = node.next.get(k);
          if (child) walk(child, j + 1, hasGap, budget - 1);
        }
      }
      if (node.gap) {
        for (let s = 0; s <= 4 && j + s < tokens.length; s++) {
          const skipped = tokens[j + s - 1];
          if (s > 0 && (['.', ';', ':', '?', '!'].includes(skipped!.text) || stops.has(skipped!.norm))) break;
          afterGap(node.gap, j + s, budget - s);
        }
      }
    };
    const afterGap = (gapNode: N, j: number, budget: number): void => {
      if (j >= tokens.length) return;
      for (const k of keysOf(tokens[j]!)) {
        const child = gapNode.next.get(k);
        if (child) walk(child, j + 1, true, budget - 1);
      }
    };
    walk(root, i, false, 24);
    return best;
  };
  const scan = () => {
    const out: TrieMatch<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = longestAt(i);
      if (m) {
        out.push(m);
        i = m.end;
      } else i++;
    }
    return out;
  };
  return { scan, longestAt };
}

function referenceScan<T>(
  phrases: [string[], T][],
  tokens: Token[],
  keysOf: (t: Token) => readonly string[],
): TrieMatch<T>[] {
  return referenceMatcher(phrases, tokens, keysOf).scan();
}

const WORDS = [
  'disc',
  'bulge',
  'bulging',
  'broad',
  'based',
  'protrusion',
  'canal',
  'stenosis',
  'foraminal',
  'narrowing',
  'nerve',
  'root',
  'roots',
  'compressing',
  'the',
  'left',
  'mild',
  'severe',
  'no',
  'without',
  'and',
  'or',
  'L4-5',
  'PT',
  'pt',
  'Mets',
  'mets',
  'loss',
  'of',
  'height',
  'at',
  'with',
  'facet',
  'arthropathy',
];
const PUNCT = ['.', ',', ';', ':', '-', '(', ')'];

describe('phrase trie', () => {
  const phrases: [string, string, boolean][] = [
    ['disc bulge', 'bulge', false],
    ['broad-based disc bulge', 'bulge', false],
    ['canal stenosis', 'stenosis', false],
    ['foraminal narrowing', 'narrowing', false],
    ['compressing ... nerve root', 'compression', false],
    ['disc ... protrusion', 'protrusion', false],
    ['loss of height', 'height_loss', false],
    ['loss of ... height', 'height_loss_gap', false],
    ['facet arthropathy', 'facet', false],
    ['PT', 'pt', true],
    ['Mets', 'mets', true],
    ['nerve root', 'root', false],
    ['severe ... stenosis ... L4-5', 'nested_gaps', false],
  ];
  const trie = new PhraseTrie<string>(GAP_STOPS);
  const reference: [string[], string][] = [];
  for (const [p, id, cs] of phrases) {
    const keys = phraseKeys(p, { caseSensitive: cs });
    trie.add(keys, id);
    reference.push([keys, id]);
  }

  it('finds the longest phrase, through gaps but not across a negation or clause punctuation', () => {
    const ids = (s: string) => trie.scan(matchableTokens(tokenize(s)), plainKeys).map((m) => m.payload);
    expect(ids('Broad-based disc bulge with canal stenosis.')).toEqual(['bulge', 'stenosis']);
    expect(ids('Disc fragment compressing the traversing nerve root.')).toEqual(['compression']);
    expect(ids('Compressing, without touching, the nerve root.')).toEqual(['root']);
    expect(ids('Compressing the canal. Nerve root intact.')).toEqual(['root']);
    expect(ids('Continue PT. The pt is well.')).toEqual(['pt']);
  });

  it('agrees with the first, recursive matcher on random sentences, with any key table', () => {
    const next = rng(20240611);
    const pick = <X>(xs: readonly X[]) => xs[Math.floor(next() * xs.length)]!;
    let matches = 0;
    for (let n = 0; n < 3000; n++) {
      const parts: string[] = [];
      const len = 1 + Math.floor(next() * 30);
      for (let k = 0; k < len; k++) parts.push(next() < 0.15 ? pick(PUNCT) : pick(WORDS));
      const tokens = matchableTokens(tokenize(parts.join(' ')));
      const expected = referenceScan(reference, tokens, plainKeys);
      matches += expected.length;
      expect(trie.scan(tokens, plainKeys)).toEqual(expected);
      expect(trie.scanKeyed(tokens, plainKeyTable(tokens))).toEqual(expected);
      expect(trie.scanKeyed(tokens, plainKeyTable(tokens, trie.exactTexts))).toEqual(expected);
      // A window scans as the slice would, at the slice's offset.
      const from = Math.floor(next() * tokens.length);
      const to = from + Math.floor(next() * (tokens.length - from + 1));
      const windowed = referenceScan(reference, tokens.slice(from, to), plainKeys).map((m) => ({
        ...m,
        start: m.start + from,
        end: m.end + from,
      }));
      expect(trie.scanKeyed(tokens, plainKeyTable(tokens), from, to)).toEqual(windowed);
      const ref = referenceMatcher(reference, tokens, plainKeys);
      for (let i = 0; i < tokens.length; i++)
        expect(trie.longestAt(tokens, i, plainKeys)).toEqual(ref.longestAt(i));
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it('takes extra keys per token in table order (a fuzzy correction before the exact text)', () => {
    const tokens = matchableTokens(tokenize('Canal stenossis and PT.'));
    const corrected = (t: Token): readonly string[] =>
      t.lower === 'stenossis' ? [phraseKeys('stenosis')[0]!, exactKey(t.text)] : plainKeys(t);
    expect(trie.scan(tokens, corrected)).toEqual(referenceScan(reference, tokens, corrected));
    expect(trie.scan(tokens, corrected).map((m) => m.payload)).toEqual(['stenosis', 'pt']);
  });

  it('scans with rows and start bits kept by word id as with a plain key table', () => {
    const other = new PhraseTrie<string>();
    for (const p of ['nerve root', 'PT', 'disc', 'L4-5 disc'])
      other.add(phraseKeys(p, { caseSensitive: p === 'PT' }), p);
    const rows = plainKeyRows([other, trie]);
    const next = rng(99);
    const pick = <X>(xs: readonly X[]) => xs[Math.floor(next() * xs.length)]!;
    for (let n = 0; n < 1000; n++) {
      const parts: string[] = [];
      const len = 1 + Math.floor(next() * 30);
      for (let k = 0; k < len; k++) parts.push(next() < 0.15 ? pick(PUNCT) : pick(WORDS));
      const ids: number[] = [];
      const all = tokenize(parts.join(' '), 0, ids);
      const keep = all.map((t) => !(t.kind === 'punct' && (t.text === '-' || t.text === '–')));
      const tokens = all.filter((_, i) => keep[i]);
      const { keys, starts } = rows.table(
        tokens,
        ids.filter((_, i) => keep[i]),
      );
      expect(trie.scanKeyed(tokens, keys, 0, tokens.length, starts, 2)).toEqual(trie.scan(tokens, plainKeys));
      expect(other.scanKeyed(tokens, keys, 0, tokens.length, starts, 1)).toEqual(
        other.scan(tokens, plainKeys),
      );
    }
  });

  it('records the texts of case-sensitive keys only', () => {
    expect([...trie.exactTexts].sort()).toEqual(['Mets', 'PT']);
  });
});
