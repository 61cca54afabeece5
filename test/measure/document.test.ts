import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Measurement } from '../../src/facts/schema.js';
import {
  createMeasurementExtractor,
  extractMeasurements,
  loadMeasurementLexicon,
} from '../../src/measure/index.js';
import { defaultLexiconDir } from '../../src/util/package-root.js';
import { buildDoc, kv } from './helpers.js';

const clinicNote = buildDoc([
  {
    title: 'HPI',
    name: 'hpi',
    kind: 'hpi',
    body:
      'Mrs. A is a 58-year-old woman with neck pain and bilateral hand numbness for 4 months. ' +
      'She completed 6 weeks of physical therapy without improvement. Pain 7/10 today. NDI 24/50.',
  },
  {
    title: 'FAMILY HISTORY',
    name: 'history',
    kind: 'family_history',
    body: 'Mother, 81, had back pain for 20 years. Brother is a 60-year-old with a lumbar fusion.',
  },
  { title: 'EXAM', name: 'exam', kind: 'exam', body: 'Strength 5/5. Reflexes 3+ at the biceps. mJOA 13/18.' },
  {
    title: 'PLAN',
    name: 'plan',
    kind: 'plan',
    body: 'Cervical MRI. Continue PT 2x/week for 6 weeks. Goal pain below 3/10. RTC 6 weeks.',
  },
  {
    title: 'RETURN PRECAUTIONS',
    name: 'plan',
    kind: 'return_precautions',
    body: 'Return if pain is above 8/10 or numbness persists beyond 2 weeks.',
  },
]);

describe('extractMeasurements on a clinic note', () => {
  const list = extractMeasurements(clinicNote.doc, clinicNote.sections, clinicNote.sentences);

  it('finds every patient value, in text order, and nothing from family history, plan targets or precautions', () => {
    expect(kv(list)).toEqual([
      'age_years:58',
      'symptom_duration_weeks:17.4',
      'conservative_duration_weeks:6',
      'pain_score:7',
      'ndi:48',
      'mjoa:13',
    ]);
  });

  it('fills section, sentence and a span that points into the document', () => {
    for (const m of list) {
      expect(() => Measurement.parse(m)).not.toThrow();
      expect(clinicNote.doc.text.slice(m.span.start, m.span.end)).toBe(m.span.text);
      expect(m.sentence).toContain(m.span.text);
    }
    const mjoa = list.find((m) => m.kind === 'mjoa')!;
    expect(mjoa).toMatchObject({ section: 'exam', sentence: 'mJOA 13/18.', max: 18, band: 'moderate' });
    expect(list.find((m) => m.kind === 'ndi')).toMatchObject({ section: 'hpi', raw: 24, band: 'moderate' });
  });
});

describe('document handling', () => {
  it('merges the same value found twice at one place, keeping the longer span', () => {
    const { doc, sections, sentences } = buildDoc([
      { title: null, name: 'other', kind: 'other', body: 'Pain level is 7/10 in the low back.' },
    ]);
    const list = extractMeasurements(doc, sections, sentences);
    expect(list).toHaveLength(1);
    expect(list[0]?.span.text).toBe('Pain level is 7/10');
  });

  it('sets the PDF page of each measurement', () => {
    const { doc, sections, sentences } = buildDoc([
      { title: null, name: 'hpi', kind: 'hpi', body: 'Neck pain for 3 months.\nmJOA 15/18.' },
    ]);
    const cut = doc.text.indexOf('mJOA');
    doc.pages = [
      { num: 1, start: 0, end: cut },
      { num: 2, start: cut, end: doc.text.length },
    ];
    expect(extractMeasurements(doc, sections, sentences).map((m) => [m.kind, m.page])).toEqual([
      ['symptom_duration_weeks', 1],
      ['mjoa', 2],
    ]);
  });

  it('reads a goal list under an inline header as targets', () => {
    const { doc, sections, sentences } = buildDoc([
      {
        title: null,
        name: 'plan',
        kind: 'plan',
        body: 'SHORT TERM GOALS:\n1. Decrease back pain to 3/10.\n2. ODI 20%.',
      },
    ]);
    expect(extractMeasurements(doc, sections, sentences)).toEqual([]);
  });

  it('reads a prescription list under an inline header as prescriptions, not tried treatment', () => {
    const { doc, sections, sentences } = buildDoc([
      {
        title: 'HPI',
        name: 'hpi',
        kind: 'hpi',
        body: 'Low back pain for 3 weeks. Has used naproxen for 2 weeks with partial relief.',
      },
      {
        title: null,
        name: 'plan',
        kind: 'other',
        body: 'Discharge medications: Celebrex for 10 days; methocarbamol as directed for 1 week.',
      },
    ]);
    expect(kv(extractMeasurements(doc, sections, sentences))).toEqual([
      'symptom_duration_weeks:3',
      'conservative_duration_weeks:2',
    ]);
  });

  it('reads care a combined assessment and plan names for a time as ordered, unless it says it was done', () => {
    const ap = (body: string) => {
      const { doc, sections, sentences } = buildDoc([
        { title: 'HPI', name: 'hpi', kind: 'hpi', body: 'Low back pain for 2 weeks.' },
        { title: 'A/P', name: 'assessment', kind: 'assessment_plan', body },
      ]);
      return kv(extractMeasurements(doc, sections, sentences));
    };
    expect(ap('Lumbar strain. Physical therapy for 6 weeks.')).toEqual(['symptom_duration_weeks:2']);
    expect(ap('Lumbar strain. Completed physical therapy for 6 weeks.')).toEqual([
      'symptom_duration_weeks:2',
      'conservative_duration_weeks:6',
    ]);
  });

  it('works with a lexicon loaded from a folder, and rejects a broken one naming the file', () => {
    const ex = createMeasurementExtractor(loadMeasurementLexicon(defaultLexiconDir()));
    const { doc, sections, sentences } = buildDoc([
      { title: null, name: 'hpi', kind: 'hpi', body: 'ODI 30%.' },
    ]);
    expect(kv(ex.extract(doc, sections, sentences))).toEqual(['odi:30']);
    const dir = mkdtempSync(join(tmpdir(), 'spinex-measure-'));
    writeFileSync(join(dir, 'measurements.json'), JSON.stringify({ version: '1', numberWords: [] }));
    expect(() => loadMeasurementLexicon(dir)).toThrow(/measurements\.json/);
  });
});
