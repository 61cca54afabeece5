/**
 * Target matching: concept terms (one compiled trie, stems, case-sensitive abbreviations, misspellings)
 * and, for each concept mention, the anatomy it belongs to (levels, region, multilevel), its severity and
 * its acuity. Input is one sentence; output is ConceptMention[] with document offsets.
 */
import type { Sentence } from '../facts/document.js';
import type { Acuity, Region, Severity } from '../facts/schema.js';
import { type Token, tokenize } from '../text/tokenize.js';
import { findLevels, type LevelMention, normaliseLevel, regionOfLevel } from './anatomy.js';
import { FuzzyCorrector, type FuzzyLexicon } from './fuzzy.js';
import { attachLevels } from './levels.js';
import type { ConceptDef, ConceptLexicon, ModifierLexicon } from './lexicon.js';
import {
  exactKey,
  type KeyTable,
  matchableTokens,
  PhraseTrie,
  phraseKeys,
  plainKeyTable,
  type TrieMatch,
} from './trie.js';

export { findLevels, normaliseLevel, regionOfLevel, sortLevels } from './anatomy.js';
export type { ConceptDef, ConceptLexicon, ModifierLexicon } from './lexicon.js';
export { loadConceptLexicon, loadModifierLexicon } from './lexicon.js';

export interface ConceptMention {
  concept: ConceptDef;
  start: number;
  end: number;
  text: string;
  levels: string[];
  region: Region[];
  multilevel: boolean;
  severity: Severity | null;
  acuity: Acuity | null;
}

export interface SentenceMatch {
  tokens: Token[];
  mentions: ConceptMention[];
  levels: LevelMention[];
}

export interface ConceptMatcher {
  matchSentence(sentence: Sentence): SentenceMatch;
  concept(id: string): ConceptDef | undefined;
  readonly concepts: readonly ConceptDef[];
}

/** Payload of a blocker phrase: it consumes its tokens and yields no concept. */
const BLOCKED = { blocked: true } as const;
type Target = ConceptDef | typeof BLOCKED;

const LEVEL_TOKEN = '<level>';
const COORDINATORS = new Set(['and', 'or', ',', '/', '&']);
// Laterality and grade words may sit between the coordinator and the matched phrase.
const COORD_SKIP = new Set([
  'bilateral',
  'left',
  'right',
  'mild',
  'moderate',
  'severe',
  'minimal',
  'central',
]);
const SEVERITY_RANK: Record<Severity, number> = { minimal: 0, mild: 1, moderate: 2, severe: 3 };
const WINDOW_STOP = new Set([',', '.', ';', ':', '(', ')']);

export function createConceptMatcher(
  concepts: ConceptLexicon,
  modifiers: ModifierLexicon,
  fuzzy: FuzzyLexicon,
): ConceptMatcher {
  const trie = new PhraseTrie<Target>(modifiers.gapStopWords);
  const vocabulary = new Set<string>();
  for (const c of concepts.concepts) {
    for (const term of c.terms) {
      const text = typeof term === 'string' ? term : term.text;
      const caseSensitive = typeof term === 'string' ? false : term.caseSensitive === true;
      trie.add(phraseKeys(text, caseSensitive ? { caseSensitive } : { words: vocabulary }), c);
    }
  }
  for (const b of concepts.blockers ?? []) trie.add(phraseKeys(b), BLOCKED, true);
  const corrector = new FuzzyCorrector(vocabulary, fuzzy);

  const severityTrie = new PhraseTrie<Severity>();
  for (const s of modifiers.severity) severityTrie.add(phraseKeys(s.phrase), s.value);
  const acuityTrie = new PhraseTrie<Acuity>();
  for (const a of modifiers.acuity) acuityTrie.add(phraseKeys(a.phrase), a.value);
  const multilevelTrie = new PhraseTrie<true>();
  for (const m of modifiers.multilevel) multilevelTrie.add(phraseKeys(m), true);
  const regionTrie = new PhraseTrie<Region>();
  for (const r of modifiers.regions) regionTrie.add(phraseKeys(r.phrase), r.value);
  const acuityConcepts = new Set(modifiers.acuityConcepts);
  const exactTexts = new Set<string>();
  for (const t of [trie, severityTrie, acuityTrie, multilevelTrie, regionTrie])
    for (const x of t.exactTexts) exactTexts.add(x);

  // Every word's key by its lower-case text: one lookup per word, known or misspelt.
  const keyCache = new Map<string, string>();
  /** A token's concept key: its stem, or for a word unknown to the trie its fuzzy correction. */
  function conceptKey(t: Token): string {
    if (t.kind !== 'word') return t.norm;
    let k = keyCache.get(t.lower);
    if (k === undefined) {
      k = trie.keys.has(t.norm) ? t.norm : (corrector.correct(t.lower) ?? t.norm);
      if (keyCache.size > 100_000) keyCache.clear();
      keyCache.set(t.lower, k);
    }
    return k;
  }
  function conceptKeyTable(tokens: readonly Token[]): string[][] {
    const table: string[][] = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      table[i] = exactTexts.has(t.text) ? [conceptKey(t), exactKey(t.text)] : [conceptKey(t)];
    }
    return table;
  }

  function scanConcepts(tokens: Token[], table: KeyTable): TrieMatch<Target>[] {
    const found = trie.scanKeyed(tokens, table);
    if (found.length === 0) return found;
    const extra: TrieMatch<Target>[] = [];
    for (const m of found) {
      // A gap phrase ("compressing ... nerve root") may span other concepts, and some phrases name a
      // second concept ("worsening weakness" is also weakness): look inside them.
      const nested = 'id' in m.payload && m.payload.containsConcepts === true;
      const windows: [number, number][] = [];
      if (nested) windows.push([m.start, m.end - 1], [m.start + 1, m.end]);
      else if (m.hasGap && m.end - m.start >= 3) windows.push([m.start + 1, m.end - 1]);
      for (const [from, to] of windows) {
        for (const x of trie.scanKeyed(tokens, table, from, to)) {
          if (!x.hasGap && x.payload !== m.payload) extra.push(x);
        }
      }
      extra.push(...coordinated(tokens, table, m));
    }
    const seen = new Set<string>();
    return [...found, ...extra]
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .filter((x) => {
        const key = `${x.start}:${x.end}:${'id' in x.payload ? x.payload.id : ''}`;
        return !seen.has(key) && seen.add(key) !== undefined;
      });
  }

  /**
   * Elliptical coordination: in "canal or foraminal narrowing" and "neck and back pain" the first
   * modifier shares the head noun of the matched phrase. Up to three words before "and"/"or"/"," plus
   * the head are looked up as a phrase of their own.
   */
  function coordinated(tokens: Token[], table: KeyTable, m: TrieMatch<Target>): TrieMatch<Target>[] {
    if (m.payload === BLOCKED || m.hasGap || m.end - m.start < 2) return [];
    let j = m.start - 1;
    while (j >= 0 && COORD_SKIP.has(tokens[j]!.lower)) j--;
    if (j < 0 || !COORDINATORS.has(tokens[j]!.lower)) return [];
    const head = tokens[m.end - 1]!;
    for (let len = 1; len <= 3; len++) {
      const from = j - len;
      if (from < 0 || tokens.slice(from, j).some((t) => t.kind !== 'word')) break;
      const probe = [...tokens.slice(from, j), head];
      const hit = trie.longestAtKeyed(probe, [...table.slice(from, j), table[m.end - 1]!], 0);
      if (hit && hit.end === probe.length && hit.payload !== BLOCKED) {
        return [{ start: from, end: j, payload: hit.payload, hasGap: false }];
      }
    }
    return [];
  }

  /** The closest stated severity before a mention (same clause, at most 5 tokens back) or right after it. */
  function severityOf(
    tokens: Token[],
    m: TrieMatch<Target>,
    prevEnd: number,
    sevs: TrieMatch<Severity>[],
    startsNear: Set<number>,
  ): Severity | null {
    let best: Severity | null = null;
    for (const s of sevs) {
      const inside = s.start >= m.start && s.end <= m.end;
      const before =
        s.end <= m.start && s.start >= Math.max(prevEnd, m.start - 5) && !stopBetween(tokens, s.end, m.start);
      // "stenosis is moderate", "myelopathy, moderate by mJOA" — but not "bulge, moderate foraminal
      // stenosis", where the grade opens the next finding.
      const linked = /^(?:is|are|was|appears|which|,)$/.test(tokens[m.end]?.lower ?? '');
      const after =
        s.start >= m.end &&
        s.start <= m.end + 2 &&
        linked &&
        !startsNear.has(s.end) &&
        !startsNear.has(s.end + 1);
      if ((inside || before || after) && (best === null || SEVERITY_RANK[s.payload] > SEVERITY_RANK[best])) {
        best = s.payload;
      }
    }
    return best;
  }

  return {
    concepts: concepts.concepts,
    concept: (id) => concepts.concepts.find((c) => c.id === id),
    matchSentence(sentence: Sentence): SentenceMatch {
      const levels = findLevels(sentence.text, sentence.start);
      const tokens = collapseLevels(matchableTokens(tokenize(sentence.text, sentence.start)), levels);
      const found = scanConcepts(tokens, conceptKeyTable(tokens)).filter(
        (m): m is TrieMatch<ConceptDef> => m.payload !== BLOCKED,
      );
      // Modifiers and anatomy only describe mentions: most sentences have none and stop here.
      if (found.length === 0) return { tokens, mentions: [], levels };
      const label = sentence.levelLabel
        ? findLevels(sentence.levelLabel.text, sentence.levelLabel.start)
        : [];
      const plain = plainKeyTable(tokens, exactTexts);
      const sevs = severityTrie.scanKeyed(tokens, plain);
      const acuities = acuityTrie.scanKeyed(tokens, plain);
      const multi = multilevelTrie.scanKeyed(tokens, plain);
      const regionWords = regionTrie.scanKeyed(tokens, plain).map((r) => r.payload);

      const spans = found.map((m) => ({
        start: tokens[m.start]!.start,
        end: tokens[m.end - 1]!.end,
        imaging: m.payload.category === 'imaging',
        multilevel: multi.some((x) => Math.abs(x.start - m.start) <= 8 || Math.abs(x.end - m.end) <= 8),
      }));
      const attached = attachLevels(sentence, spans, levels, label);
      const starts = new Set(found.map((f) => f.start));
      const mentions: ConceptMention[] = found.map((m, i) => {
        const concept = m.payload;
        const { start, end } = spans[i]!;
        const lv = attached[i]!;
        const levelList = [...new Set(lv.flatMap((l) => normaliseLevel(l, concept.anatomy)))];
        const region = new Set<Region>(levelList.flatMap(regionOfLevel));
        if (region.size === 0) for (const r of regionWords) region.add(r);
        // The window before a mention stops at the previous finding that ends before it (not at an
        // enclosing phrase it was found inside).
        let prevEnd = 0;
        for (let k = i - 1; k >= 0; k--) {
          if (found[k]!.end <= m.start) {
            prevEnd = found[k]!.end;
            break;
          }
        }
        const saysMultilevel = multi.some(
          (x) => Math.abs(x.start - m.start) <= 8 || Math.abs(x.end - m.end) <= 8,
        );
        return {
          concept,
          start,
          end,
          text: sentence.text.slice(start - sentence.start, end - sentence.start),
          levels: levelList,
          region: [...region],
          multilevel: saysMultilevel || levelList.length >= 2,
          severity: concept.category === 'treatment' ? null : severityOf(tokens, m, prevEnd, sevs, starts),
          acuity: acuityConcepts.has(concept.id) ? (acuities[0]?.payload ?? null) : null,
        };
      });
      return { tokens, mentions, levels };
    },
  };
}

/**
 * A level expression ("L4-5", "C3 through C7") becomes one token, so that a gap in a phrase
 * ("dehydrated ... disc") and the severity window count it as one word, as a reader does.
 */
function collapseLevels(tokens: Token[], levels: LevelMention[]): Token[] {
  if (levels.length === 0) return tokens;
  const out: Token[] = [];
  let li = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (li < levels.length && levels[li]!.end <= t.start) li++;
    const lv = levels[li];
    if (lv && t.start >= lv.start && t.end <= lv.end) {
      let j = i;
      while (j + 1 < tokens.length && tokens[j + 1]!.end <= lv.end) j++;
      out.push({
        text: lv.text,
        lower: LEVEL_TOKEN,
        norm: LEVEL_TOKEN,
        start: lv.start,
        end: lv.end,
        kind: 'punct',
      });
      i = j;
      li++;
    } else out.push(t);
  }
  return out;
}

function stopBetween(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (WINDOW_STOP.has(tokens[k]!.text)) return true;
  return false;
}
