/**
 * Target matching: concept terms (one compiled trie, stems, case-sensitive abbreviations, misspellings)
 * and, for each concept mention, the anatomy it belongs to (levels, region, multilevel), its severity and
 * its acuity. Input is one sentence; output is ConceptMention[] with document offsets.
 */
import type { Sentence } from '../facts/document.js';
import type { Acuity, Region, Severity } from '../facts/schema.js';
import { type Token, type TokenSpan, tokenize } from '../text/tokenize.js';
import { findLevels, type LevelMention, normaliseLevel, regionOfLevel } from './anatomy.js';
import { FuzzyCorrector, type FuzzyLexicon } from './fuzzy.js';
import { attachLevels } from './levels.js';
import type { ConceptDef, ConceptLexicon, ModifierLexicon } from './lexicon.js';
import {
  exactKey,
  KeyRows,
  type KeyTable,
  LEVEL_KEY,
  PhraseTrie,
  phraseKeys,
  plainKeyRows,
  type StartTable,
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
  /**
   * `tokens`: the sentence's tokens and their word ids when the caller has them (as
   * `tokenize(sentence.text, sentence.start, ids)` gives them, for instance from `tokenSpan`).
   */
  matchSentence(sentence: Sentence, tokens?: TokenSpan): SentenceMatch;
  concept(id: string): ConceptDef | undefined;
  readonly concepts: readonly ConceptDef[];
}

/** Payload of a blocker phrase: it consumes its tokens and yields no concept. */
const BLOCKED = { blocked: true } as const;
type Target = ConceptDef | typeof BLOCKED;

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
/** Tokens from the start of a grade to its mention, the grade's own included ("moderate multilevel ..."). */
const SEVERITY_REACH = 5;
const GRADE_JOINERS = new Set(['and', 'or', 'to', ',', '/']);
const GRADE_SIDES = new Set(['right', 'left', 'bilateral', 'bilaterally', 'central', 'r', 'l']);
/** The longest aside in brackets a grade reaches across ("(approximately 30%)", "(Genant grade 2)"). */
const PARENTHETICAL_WORDS = 6;
/** A word after a mention that links it to a grade stated after it. */
const LINKING_WORDS = new Set(['is', 'are', 'was', 'appears', 'which', ',']);

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

  const changeAfter = modifiers.severityChangeWords.map((p) => p.toLowerCase().split(/\s+/));
  const comparatives = new Set(modifiers.severityComparatives.map((w) => w.toLowerCase()));
  const severityTrie = new PhraseTrie<Severity>();
  for (const s of modifiers.severity) severityTrie.add(phraseKeys(s.phrase), s.value);
  const acuityTrie = new PhraseTrie<Acuity>();
  for (const a of modifiers.acuity) acuityTrie.add(phraseKeys(a.phrase), a.value);
  const multilevelTrie = new PhraseTrie<true>();
  for (const m of modifiers.multilevel) multilevelTrie.add(phraseKeys(m), true);
  const regionTrie = new PhraseTrie<Region>();
  for (const r of modifiers.regions) regionTrie.add(phraseKeys(r.phrase), r.value);
  const acuityConcepts = new Set(modifiers.acuityConcepts);
  // Bits 1, 2, 4, 8 of a token's starts, in the order the modifier scans below use them.
  const modifierRows = plainKeyRows([severityTrie, acuityTrie, multilevelTrie, regionTrie]);
  const exactTexts = new Set<string>();
  for (const t of [trie, severityTrie, acuityTrie, multilevelTrie, regionTrie])
    for (const x of t.exactTexts) exactTexts.add(x);

  /** A token's concept key: its stem, or for a word unknown to the trie its fuzzy correction. */
  function conceptKey(t: Token): string {
    if (t.kind !== 'word' || trie.keys.has(t.norm)) return t.norm;
    return corrector.correct(t.lower) ?? t.norm;
  }
  // A token's row: its concept key, and its exact key when a case-sensitive phrase has it.
  const conceptRows = new KeyRows((t) => {
    const keys = exactTexts.has(t.text) ? [conceptKey(t), exactKey(t.text)] : [conceptKey(t)];
    return { keys, starts: trie.canStart(keys) ? 1 : 0 };
  });
  // One sentence is matched at a time: its table is written over the last one's.
  const table: StartTable = { keys: [], starts: [] };

  function scanConcepts(tokens: Token[], { keys: table, starts }: StartTable): TrieMatch<Target>[] {
    const found = trie.scanKeyed(tokens, table, 0, tokens.length, starts);
    if (found.length === 0) return found;
    const extra: TrieMatch<Target>[] = [];
    for (const m of found) {
      // A gap phrase ("compressing ... nerve root") may span other concepts, and some phrases name a
      // second concept ("worsening weakness" is also weakness): look inside them.
      if ('id' in m.payload && m.payload.containsConcepts === true)
        extra.push(...inside(tokens, table, starts, m));
      // A blocker's gap hides what it spans ("subacromial corticosteroid injection" is no oral steroid).
      else if (m.hasGap && m.end - m.start >= 3 && m.payload !== BLOCKED) {
        for (const x of trie.scanKeyed(tokens, table, m.start + 1, m.end - 1, starts)) {
          if (!x.hasGap && x.payload !== m.payload) extra.push(x);
        }
      }
      extra.push(...coordinated(tokens, table, m));
    }
    // The scan's own matches are in text order and never overlap: only extra ones need sorting and merging.
    if (extra.length === 0) return found;
    const seen = new Set<string>();
    return [...found, ...extra]
      .sort((a, b) => a.start - b.start || b.end - a.end)
      .filter((x) => {
        const key = `${x.start}:${x.end}:${'id' in x.payload ? x.payload.id : ''}`;
        return !seen.has(key) && seen.add(key) !== undefined;
      });
  }

  /**
   * The other concepts a phrase names: its words without the last, then without the first ("central canal
   * and neural foramina are patent" names the foramina too). Where a shorter phrase of the same concept
   * covers that window ("canal and neural foramina are patent"), one more word is dropped, so it cannot
   * hide the other concept.
   */
  function inside(
    tokens: Token[],
    table: KeyTable,
    starts: number[],
    m: TrieMatch<Target>,
  ): TrieMatch<Target>[] {
    const out: TrieMatch<Target>[] = [];
    for (const side of ['end', 'start'] as const) {
      for (let k = 1; k < m.end - m.start; k++) {
        const from = side === 'start' ? m.start + k : m.start;
        const to = side === 'end' ? m.end - k : m.end;
        const hits = trie.scanKeyed(tokens, table, from, to, starts);
        const whole = hits.some((x) => x.payload === m.payload && x.start === from && x.end === to);
        for (const x of hits) if (!x.hasGap && x.payload !== m.payload) out.push(x);
        if (!whole) break;
      }
    }
    return out;
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
    // "stenosis is moderate", "myelopathy, moderate by mJOA" — but not "bulge, moderate foraminal
    // stenosis", where the grade opens the next finding.
    const linked = sevs.length > 0 && LINKING_WORDS.has(tokens[m.end]?.lower ?? '');
    // A grade before the mention, in its clause and within reach of it. A grade opening its clause may be
    // set off by a comma ("L4-5: Mild, broad-based disc bulge").
    const reaches = (s: TrieMatch<Severity>) => {
      if (s.end > m.start || s.start < prevEnd) return false;
      const from = opensClause(tokens, s.start) && tokens[s.end]?.text === ',' ? s.end + 1 : s.end;
      const gap = wordsBetween(tokens, from, m.start);
      return gap >= 0 && s.end - s.start + gap <= SEVERITY_REACH;
    };
    // "Severe right and moderate left foraminal stenosis": a grade joined to one that reaches the mention
    // reaches it too, however far (the start of the nearest such grade, walking back).
    let chain = -1;
    for (let i = sevs.length - 1; i >= 0; i--) {
      const s = sevs[i]!;
      if (
        chain < 0 ? reaches(s) : s.start >= prevEnd && s.end <= m.start && joinsGrades(tokens, s.end, chain)
      )
        chain = s.start;
    }
    for (const s of sevs) {
      if (changeAfter.some((words) => words.every((w, i) => tokens[s.end + i]?.lower === w))) continue;
      if (comparatives.has(tokens[s.start - 1]?.lower ?? '')) continue;
      // A grade that begins inside the mention ("Genant grade 2" after the mention "Genant grade") is its own.
      const inside = s.start >= m.start && s.start < m.end;
      const before = reaches(s) || (chain >= 0 && s.start >= chain && s.end <= m.start);
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
    matchSentence(sentence: Sentence, span?: TokenSpan): SentenceMatch {
      const levels = findLevels(sentence.text, sentence.start);
      let all = span;
      if (all === undefined) {
        const fresh: number[] = [];
        const tokens = tokenize(sentence.text, sentence.start, fresh);
        all = { tokens, ids: fresh, start: 0, end: tokens.length };
      }
      const ids: number[] = [];
      const tokens = matchableTokens(all, levels, ids);
      const found = scanConcepts(tokens, conceptRows.table(tokens, ids, table)).filter(
        (m): m is TrieMatch<ConceptDef> => m.payload !== BLOCKED && !gluedIntoNumber(tokens, m.end),
      );
      // Modifiers and anatomy only describe mentions: most sentences have none and stop here.
      if (found.length === 0) return { tokens, mentions: [], levels };
      const label = sentence.levelLabel
        ? findLevels(sentence.levelLabel.text, sentence.levelLabel.start)
        : [];
      const plain = modifierRows.table(tokens, ids);
      const scan = <T>(t: PhraseTrie<T>, bit: number) =>
        t.scanKeyed(tokens, plain.keys, 0, tokens.length, plain.starts, bit);
      const sevs = scan(severityTrie, 1);
      const acuities = scan(acuityTrie, 2);
      const multi = scan(multilevelTrie, 4);
      const regionWords = scan(regionTrie, 8).map((r) => r.payload);

      const spans = found.map((m) => ({
        start: tokens[m.start]!.start,
        end: tokens[m.end - 1]!.end,
        imaging: m.payload.category === 'imaging',
        rootLevels: m.payload.category !== 'imaging' || m.payload.rootLevels === true,
        multilevel: multi.some((x) => Math.abs(x.start - m.start) <= 8 || Math.abs(x.end - m.end) <= 8),
      }));
      const attached = attachLevels(sentence, spans, levels, label);
      const starts = new Set(found.map((f) => f.start));
      const mentions: ConceptMention[] = found.map((m, i) => {
        const concept = m.payload;
        const { start, end } = spans[i]!;
        const lv = attached[i]!;
        // One level (the usual case) normalises to distinct levels already.
        const levelList =
          lv.length === 0
            ? []
            : lv.length === 1
              ? normaliseLevel(lv[0]!, concept.anatomy)
              : [...new Set(lv.flatMap((l) => normaliseLevel(l, concept.anatomy)))];
        const region = new Set<Region>();
        for (const l of levelList) for (const r of regionOfLevel(l)) region.add(r);
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
        return {
          concept,
          start,
          end,
          text: sentence.text.slice(start - sentence.start, end - sentence.start),
          levels: levelList,
          region: [...region],
          multilevel: spans[i]!.multilevel || levelList.length >= 2,
          severity: concept.category === 'treatment' ? null : severityOf(tokens, m, prevEnd, sevs, starts),
          acuity: acuityConcepts.has(concept.id) ? (acuities[0]?.payload ?? null) : null,
        };
      });
      return { tokens, mentions, levels };
    },
  };
}

/**
 * The tokens that take part in matching, with `ids` receiving their word ids: hyphens joining words are
 * dropped ("broad-based", as `matchableTokens` of the trie), and a level expression ("L4-5", "C3 through
 * C7") becomes one token, so that a gap in a phrase ("dehydrated ... disc") and the severity window count
 * it as one word, as a reader does.
 */
function matchableTokens(span: TokenSpan, levels: LevelMention[], ids: number[]): Token[] {
  const { tokens, ids: tokenIds, end } = span;
  const out: Token[] = [];
  let li = 0;
  for (let i = span.start; i < end; i++) {
    const t = tokens[i]!;
    // Inline rather than isJoiner(): this loop runs for every token of every sentence.
    if (t.kind === 'punct' && (t.text === '-' || t.text === '–')) continue;
    while (li < levels.length && levels[li]!.end <= t.start) li++;
    const lv = levels[li];
    if (lv && t.start >= lv.start && t.end <= lv.end) {
      // The level's own tokens, hyphens included, end inside it; the first token past it ends after it.
      let j = i;
      while (j + 1 < end && tokens[j + 1]!.end <= lv.end) j++;
      out.push({
        text: lv.text,
        lower: LEVEL_KEY,
        norm: LEVEL_KEY,
        start: lv.start,
        end: lv.end,
        kind: 'punct',
      });
      ids.push(-1);
      i = j;
      li++;
    } else {
      out.push(t);
      ids.push(tokenIds[i]!);
    }
  }
  return out;
}

/**
 * A match ending at `end` runs on into a longer number written without spaces: a grade such as "1/5" inside
 * a date ("1/5/2023"), or "4+" inside a Gleason score ("4+3"), names no finding.
 */
function gluedIntoNumber(tokens: readonly Token[], end: number): boolean {
  const last = tokens[end - 1]!;
  const next = tokens[end];
  if (!next || next.start !== last.end) return false;
  if (last.text === '+') return next.kind === 'number';
  const after = tokens[end + 1];
  return last.kind === 'number' && next.text === '/' && after?.kind === 'number' && after.start === next.end;
}

/** The token at `i` starts its sentence or follows a colon or semicolon. */
function opensClause(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1]?.text;
  return prev === undefined || prev === ':' || prev === ';';
}

/** Between two grades, a side and a joining word only: "severe right and moderate left", "mild to moderate". */
function joinsGrades(tokens: Token[], from: number, to: number): boolean {
  if (to - from < 1 || to - from > 3) return false;
  let joined = false;
  for (let k = from; k < to; k++) {
    const w = tokens[k]!.lower;
    if (GRADE_JOINERS.has(w)) joined = true;
    else if (!GRADE_SIDES.has(w)) return false;
  }
  return joined;
}

/**
 * Words between a grade and its mention, not counting one short parenthetical ("Moderate (approximately 30%)
 * compression deformity", "Moderate to severe (grade 3) facet arthropathy"); -1 when a clause break, an
 * unclosed bracket or a longer aside separates them.
 */
function wordsBetween(tokens: Token[], from: number, to: number): number {
  let words = 0;
  let k = from;
  while (k < to) {
    const t = tokens[k]!.text;
    if (t === '(') {
      let close = k + 1;
      while (close < to && tokens[close]!.text !== ')' && tokens[close]!.text !== '(') close++;
      if (close >= to || tokens[close]!.text !== ')' || close - k - 1 > PARENTHETICAL_WORDS) return -1;
      k = close + 1;
      continue;
    }
    if (WINDOW_STOP.has(t)) return -1;
    words++;
    k++;
  }
  return words;
}
