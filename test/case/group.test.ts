import { describe, expect, it } from 'vitest';
import { groupDocuments, normalisePatientId, orderDocuments, singleCaseId } from '../../src/case/group.js';
import { levelOverlaps, levelsOverlap } from '../../src/case/levels.js';
import { clinic, radiology } from './builder.js';

const doc = (source: string, date: string | null, patientId: string | null = null) =>
  clinic(source, date, patientId).say('hpi', 'Low back pain.').build();

describe('grouping', () => {
  const docs = [
    doc('cases/smith/b-clinic.txt', '2024-03-01', '00123'),
    doc('cases/smith/a-mri.txt', '2024-01-15', '123'),
    doc('cases/jones/note.txt', null, 'jx-555'),
    doc('other/jones/note.txt', null),
  ];

  it('by folder, with duplicate folder names kept apart', () => {
    const groups = groupDocuments(docs, 'dir');
    expect(groups.map((g) => g.caseId)).toEqual(['cases/jones', 'other/jones', 'smith']);
    expect(groups.find((g) => g.caseId === 'smith')!.documents.map((d) => d.result.source)).toEqual([
      'cases/smith/a-mri.txt',
      'cases/smith/b-clinic.txt',
    ]);
  });

  it('by patient id (normalised), documents without one on their own', () => {
    const groups = groupDocuments(docs, 'patient-id');
    expect(groups.map((g) => [g.caseId, g.documents.length])).toEqual([
      ['123', 2],
      ['JX555', 1],
      ['note.txt', 1],
    ]);
  });

  it('by file', () => {
    expect(groupDocuments(docs, 'file').map((g) => g.caseId)).toEqual([
      'a-mri.txt',
      'b-clinic.txt',
      'cases/jones/note.txt',
      'other/jones/note.txt',
    ]);
  });

  it('orders by date, then name; undated documents first', () => {
    const ordered = orderDocuments([
      doc('z.txt', '2024-02-01'),
      doc('b.txt', null),
      doc('a.txt', '2024-02-01'),
      doc('c.txt', '2023-12-31'),
    ]);
    expect(ordered.map((d) => d.result.source)).toEqual(['b.txt', 'c.txt', 'a.txt', 'z.txt']);
  });

  it('names a single case by patient id, else folder, else file', () => {
    expect(singleCaseId([docs[0]!.result, docs[1]!.result])).toBe('123');
    expect(singleCaseId([doc('x/one.txt', null).result, doc('x/two.txt', null).result])).toBe('x');
    expect(singleCaseId([doc('x/one.txt', null).result])).toBe('one.txt');
  });

  it('patient ids: case, spaces, hyphens and leading zeros do not matter', () => {
    expect(normalisePatientId(' 000-123 ')).toBe(normalisePatientId('123'));
    expect(normalisePatientId('ab-12 ')).toBe('AB12');
  });
});

describe('levels', () => {
  it('a vertebra overlaps the segments it bounds; different segments do not overlap', () => {
    expect(levelOverlaps('L4', 'L4-L5')).toBe(true);
    expect(levelOverlaps('L5-S1', 'S1')).toBe(true);
    expect(levelOverlaps('L4-L5', 'L5-S1')).toBe(false);
    expect(levelsOverlap([], ['C5-C6'])).toBe(true);
    expect(levelsOverlap(['T12'], ['L1', 'L2'])).toBe(false);
  });

  it('radiology builder sanity: spans point into the text', () => {
    const d = radiology('r.txt', 'mri').say('impression', 'Mild L2 height loss.', []).build();
    expect(d.text).toContain('Mild L2 height loss.');
  });
});
