/**
 * Cases from documents: one per folder, per patient identifier found in the text, or per file, with
 * the documents of a case ordered by date (exam or visit date) and then by name.
 */
import path from 'node:path';
import type { DocumentResult } from '../facts/schema.js';

export const GROUP_BY = ['dir', 'patient-id', 'file'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface DocumentGroup<T> {
  caseId: string;
  documents: T[];
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareNames(a: string, b: string): number {
  return byName.compare(path.basename(a), path.basename(b)) || byName.compare(a, b);
}

/**
 * Date order, then name. Undated documents come first: their time is unknown, so a dated note is
 * taken as the more recent word (and an undated one is never "later" when facts conflict).
 */
export function orderDocuments<T extends { result: DocumentResult }>(docs: readonly T[]): T[] {
  return [...docs].sort((x, y) => {
    const a = x.result.date;
    const b = y.result.date;
    if (a !== b) {
      if (a === null) return -1;
      if (b === null) return 1;
      return a < b ? -1 : 1;
    }
    return compareNames(x.result.source, y.result.source);
  });
}

/** "MRN: 000123", "mrn 123" and "123" name the same patient. */
export function normalisePatientId(id: string): string {
  return id
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/^0+(?=\d)/, '');
}

function keyOf(doc: DocumentResult, by: GroupBy): { key: string; label: string } {
  if (by === 'patient-id' && doc.patientId) {
    const id = normalisePatientId(doc.patientId);
    return { key: `id:${id}`, label: id };
  }
  // Documents without a patient identifier stay on their own, named by file.
  if (by === 'dir') {
    const dir = path.dirname(doc.source);
    return { key: `dir:${dir}`, label: path.basename(path.resolve(dir)) };
  }
  return { key: `file:${doc.source}`, label: path.basename(doc.source) };
}

export function groupDocuments<T extends { result: DocumentResult }>(
  docs: readonly T[],
  by: GroupBy,
): DocumentGroup<T>[] {
  const groups = new Map<string, { label: string; documents: T[] }>();
  for (const d of docs) {
    const { key, label } = keyOf(d.result, by);
    const g = groups.get(key) ?? { label, documents: [] };
    g.documents.push(d);
    groups.set(key, g);
  }
  // Two folders (or files) with the same base name keep their full key so case ids stay unique.
  const labelCount = new Map<string, number>();
  for (const g of groups.values()) labelCount.set(g.label, (labelCount.get(g.label) ?? 0) + 1);
  return [...groups.entries()]
    .map(([key, g]) => ({
      caseId: (labelCount.get(g.label) ?? 0) > 1 ? key.slice(key.indexOf(':') + 1) : g.label,
      documents: orderDocuments(g.documents),
    }))
    .sort((a, b) => byName.compare(a.caseId, b.caseId));
}

/**
 * The id of a single case (`spinex case`): the patient id when every document that has one agrees,
 * else the folder when all documents share one, else the file name of a lone document.
 */
export function singleCaseId(docs: readonly DocumentResult[]): string {
  const ids = new Set(docs.flatMap((d) => (d.patientId ? [normalisePatientId(d.patientId)] : [])));
  if (ids.size === 1) return [...ids][0]!;
  if (docs.length === 1) return path.basename(docs[0]!.source);
  const dirs = new Set(docs.map((d) => path.dirname(d.source)));
  if (dirs.size === 1) return path.basename(path.resolve([...dirs][0]!));
  return 'case';
}
