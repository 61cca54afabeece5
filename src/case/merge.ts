/**
 * One case-level fact per concept across a patient's documents, keeping every mention with its
 * source. A present mention is superseded when a later-dated document says absent at an overlapping
 * level (neither historical); present vs absent in different documents is a conflict either way.
 */
import type { CaseFinding, CaseMention, Conflict } from '../facts/case-schema.js';
import type { Assertion, DocumentResult, Finding, Severity } from '../facts/schema.js';
import type { Token } from '../text/tokenize.js';
import { levelsOverlap } from './levels.js';

/** A document of a case: its extraction result and, when the caller has it, the text it points into. */
export interface CaseDocument {
  result: DocumentResult;
  text?: string;
  /**
   * `tokenize(text)`, when the caller already has it: the case stage then reads sentences as ranges of
   * it instead of tokenising them again. Ignored without `text`.
   */
  tokens?: readonly Token[];
}

/**
 * Documents of a case that keep their tokens: they spare the case stage cutting sentences again but take
 * several times the text's memory, so a case of many documents (a folder of years of reports) keeps them
 * for its first documents only; a patient's case has a few dozen at most.
 */
export const TOKENS_KEPT = 64;

/** `doc` as the `index`-th document of a case: without its tokens past TOKENS_KEPT. */
export function withinTokenBudget(doc: CaseDocument, index: number): CaseDocument {
  return index < TOKENS_KEPT || !doc.tokens
    ? doc
    : { result: doc.result, ...(doc.text === undefined ? {} : { text: doc.text }) };
}

const ASSERTION_RANK: readonly Assertion[] = [
  'present',
  'possible',
  'historical',
  'absent',
  'hypothetical',
  'family',
];
const ASSERTION_BIT = Object.fromEntries(ASSERTION_RANK.map((a, i) => [a, 1 << i])) as Record<
  Assertion,
  number
>;
const SEVERITY_RANK: readonly Severity[] = ['minimal', 'mild', 'moderate', 'severe'];

export function severityRank(s: Severity | null): number {
  return s === null ? -1 : SEVERITY_RANK.indexOf(s);
}

/** Dated documents are ordered; an undated one is never "later" than another. */
export function isLater(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a > b;
}

/** A finding without mentions carries its sentence as text only: place it around the span. */
function sentenceSpan(f: Finding): { start: number; end: number; text: string } {
  const at = f.sentence.indexOf(f.span.text);
  const start = at >= 0 ? f.span.start - at : f.span.start;
  return { start, end: start + f.sentence.length, text: f.sentence };
}

/** Appends the case mentions of `f` to `out` (keys in contract order: the output is serialised as built). */
function addMentions(out: CaseMention[], f: Finding, doc: DocumentResult): void {
  const { source, date, documentType } = doc;
  if (f.mentions.length === 0) {
    out.push({
      source,
      date,
      documentType,
      superseded: false,
      assertion: f.assertion,
      historical: f.modifiers.historical,
      levels: f.levels,
      severity: f.severity,
      section: f.section,
      span: f.span,
      sentence: sentenceSpan(f),
    });
    return;
  }
  for (const m of f.mentions) {
    out.push({
      source,
      date,
      documentType,
      superseded: false,
      assertion: m.assertion,
      historical: m.modifiers.historical,
      // extraction may attach levels at the finding only; borrowing them keeps conflicts level-aware
      levels: m.levels.length > 0 ? m.levels : f.levels,
      severity: m.severity,
      section: m.section,
      span: m.span,
      sentence: m.sentence,
    });
  }
}

const COUNTS = (m: CaseMention): boolean => m.assertion === 'present' || m.assertion === 'possible';

export interface MergedFindings {
  findings: CaseFinding[];
  conflicts: Conflict[];
}

/** The sources of `mentions`, each once, in order of first mention (most mentions share their neighbour's). */
export function distinctSources(mentions: readonly { source: string }[]): string[] {
  const out: string[] = [];
  let last: string | undefined;
  for (const m of mentions) {
    if (m.source === last) continue;
    last = m.source;
    if (!out.includes(last)) out.push(last);
  }
  return out;
}

function levelSet(mentions: readonly CaseMention[]): Set<string> {
  const levels = new Set<string>();
  for (const m of mentions) for (const l of m.levels) levels.add(l);
  return levels;
}

/** Merge findings of documents already in case order (by date, then name). */
export function mergeFindings(docs: readonly DocumentResult[]): MergedFindings {
  const byConcept = new Map<string, { first: Finding; multilevel: boolean; mentions: CaseMention[] }>();
  for (const doc of docs) {
    for (const f of doc.findings) {
      let entry = byConcept.get(f.concept);
      if (!entry) {
        entry = { first: f, multilevel: false, mentions: [] };
        byConcept.set(f.concept, entry);
      }
      if (f.multilevel && (f.assertion === 'present' || f.assertion === 'possible')) entry.multilevel = true;
      addMentions(entry.mentions, f, doc);
    }
  }

  const findings: CaseFinding[] = [];
  const conflicts: Conflict[] = [];
  for (const [concept, { first, multilevel, mentions }] of byConcept) {
    const conflictKeys = new Set<string>();
    // only absent, not historical mentions can contradict: a case has few, so pair against those alone
    const absent = mentions.filter((a) => a.assertion === 'absent' && !a.historical);
    for (const p of absent.length > 0 ? mentions : []) {
      if ((p.assertion !== 'present' && p.assertion !== 'possible') || p.historical) continue;
      for (const a of absent) {
        if (a.source === p.source) continue;
        if (!levelsOverlap(p.levels, a.levels)) continue;
        if (isLater(a.date, p.date)) p.superseded = true;
        const key = `${p.source}\u0000${a.source}`;
        if (p.assertion === 'present' && !conflictKeys.has(key)) {
          conflictKeys.add(key);
          const preferred = isLater(a.date, p.date)
            ? 'absent'
            : isLater(p.date, a.date)
              ? 'present'
              : 'undecided';
          conflicts.push({ concept, present: p, absent: a, preferred });
        }
      }
    }
    const live = mentions.filter((m) => !m.superseded);
    let said = 0;
    for (const m of live) said |= ASSERTION_BIT[m.assertion];
    const active = ASSERTION_RANK.filter((r) => (said & ASSERTION_BIT[r]) !== 0);
    const counting = live.filter(COUNTS);
    const levels = [...levelSet(counting.length > 0 ? counting : live)];
    let severity: Severity | null = null;
    for (const m of counting) if (severityRank(m.severity) > severityRank(severity)) severity = m.severity;
    findings.push({
      concept,
      label: first.label,
      category: first.category,
      assertion: active[0] ?? mentions[0]!.assertion,
      active,
      levels,
      severity,
      // with counting mentions, `levels` are theirs
      multilevel: counting.length > 0 && (multilevel || levels.length >= 2),
      conflict: conflictKeys.size > 0,
      sources: distinctSources(mentions),
      mentions,
    });
  }
  return { findings, conflicts };
}
