/**
 * One case-level fact per concept across a patient's documents, keeping every mention with its
 * source. A present mention is superseded when a later-dated document says absent at an overlapping
 * level (neither historical); present vs absent in different documents is a conflict either way.
 */
import type { CaseFinding, CaseMention, Conflict } from '../facts/case-schema.js';
import type { Assertion, DocumentResult, Finding, Severity } from '../facts/schema.js';
import { levelsOverlap } from './levels.js';

/** A document of a case: its extraction result and, when the caller has it, the text it points into. */
export interface CaseDocument {
  result: DocumentResult;
  text?: string;
}

const ASSERTION_RANK: readonly Assertion[] = [
  'present',
  'possible',
  'historical',
  'absent',
  'hypothetical',
  'family',
];
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

function mentionsOf(f: Finding, doc: DocumentResult): CaseMention[] {
  const base = {
    source: doc.source,
    date: doc.date,
    documentType: doc.documentType,
    superseded: false,
  };
  if (f.mentions.length === 0) {
    return [
      {
        ...base,
        assertion: f.assertion,
        historical: f.modifiers.historical,
        levels: f.levels,
        severity: f.severity,
        section: f.section,
        span: f.span,
        sentence: sentenceSpan(f),
      },
    ];
  }
  return f.mentions.map((m) => ({
    ...base,
    assertion: m.assertion,
    historical: m.modifiers.historical,
    // extraction may attach levels at the finding only; borrowing them keeps conflicts level-aware
    levels: m.levels.length > 0 ? m.levels : f.levels,
    severity: m.severity,
    section: m.section,
    span: m.span,
    sentence: m.sentence,
  }));
}

const COUNTS = (m: CaseMention): boolean => m.assertion === 'present' || m.assertion === 'possible';

export interface MergedFindings {
  findings: CaseFinding[];
  conflicts: Conflict[];
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
      entry.mentions.push(...mentionsOf(f, doc));
    }
  }

  const findings: CaseFinding[] = [];
  const conflicts: Conflict[] = [];
  for (const [concept, { first, multilevel, mentions }] of byConcept) {
    const conflictKeys = new Set<string>();
    for (const p of mentions) {
      if (p.assertion !== 'present' && p.assertion !== 'possible') continue;
      for (const a of mentions) {
        if (a.assertion !== 'absent' || a.source === p.source || a.historical || p.historical) continue;
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
    const active = ASSERTION_RANK.filter((r) => live.some((m) => m.assertion === r));
    const counting = live.filter(COUNTS);
    const levels = [...new Set((counting.length > 0 ? counting : live).flatMap((m) => m.levels))];
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
      multilevel: (multilevel && counting.length > 0) || new Set(counting.flatMap((m) => m.levels)).size >= 2,
      conflict: conflictKeys.size > 0,
      sources: [...new Set(mentions.map((m) => m.source))],
      mentions,
    });
  }
  return { findings, conflicts };
}
