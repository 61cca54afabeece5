import { describe, expect, it } from 'vitest';
import { createSectionDetector, loadSectionLexicon, sectionAt } from '../../src/sections/index.js';
import { LEXICONS } from '../helpers/lexicons.js';

const detector = createSectionDetector(loadSectionLexicon(LEXICONS));
const names = (text: string) => detector.detect(text).map((s) => [s.name, s.kind, s.title]);

describe('sections', () => {
  it('finds radiology headers with colons and keeps level lines inside FINDINGS', () => {
    const text = [
      'MRI LUMBAR SPINE WITHOUT CONTRAST',
      'CLINICAL HISTORY: Low back pain.',
      'TECHNIQUE: Sagittal and axial images.',
      'FINDINGS:',
      'L3-4: Mild disc bulge.',
      'L4-5: Moderate canal stenosis.',
      'IMPRESSION:',
      '1. Multilevel spondylosis.',
    ].join('\n');
    expect(names(text)).toEqual([
      ['other', 'preamble', null],
      ['history', 'indication', 'CLINICAL HISTORY'],
      ['technique', 'technique', 'TECHNIQUE'],
      ['findings', 'findings', 'FINDINGS'],
      ['impression', 'impression', 'IMPRESSION'],
    ]);
    const secs = detector.detect(text);
    expect(secs[sectionAt(secs, text.indexOf('L4-5'))]!.name).toBe('findings');
  });

  it('accepts Title Case headers on their own line without a colon', () => {
    const text = 'Findings\nNormal alignment.\n\nImpression\nNo acute abnormality.';
    expect(names(text)).toEqual([
      ['findings', 'findings', 'Findings'],
      ['impression', 'impression', 'Impression'],
    ]);
  });

  it('does not take an ordinary sentence for a header', () => {
    const text =
      'Findings: normal.\nHistory is limited because the patient is sedated.\nPlan\nPhysical therapy.';
    expect(names(text).map((n) => n[2])).toEqual(['Findings', 'Plan']);
  });

  it('maps clinic headers to contract names and finer kinds', () => {
    const text = [
      'HISTORY OF PRESENT ILLNESS: Neck pain for 3 months.',
      'PAST MEDICAL HISTORY: Hypertension.',
      'Family History: Mother with breast cancer.',
      'PHYSICAL EXAM: Hoffmann sign positive.',
      'ASSESSMENT AND PLAN: Cervical myelopathy.',
      'RETURN PRECAUTIONS: Return for new weakness.',
    ].join('\n');
    expect(names(text)).toEqual([
      ['hpi', 'hpi', 'HISTORY OF PRESENT ILLNESS'],
      ['history', 'past_history', 'PAST MEDICAL HISTORY'],
      ['history', 'family_history', 'Family History'],
      ['exam', 'exam', 'PHYSICAL EXAM'],
      ['assessment', 'assessment_plan', 'ASSESSMENT AND PLAN'],
      ['plan', 'return_precautions', 'RETURN PRECAUTIONS'],
    ]);
  });

  it('reads the letters of a SOAP note as its sections, and vital signs as none', () => {
    const text = [
      'S: Low back pain for 8 weeks, no treatment so far.',
      'O: Tender lumbar paraspinals. SLR negative.',
      'T: 98.6',
      'P: 72',
      'A: Lumbar strain.',
      'P: Naproxen 500 mg BID.',
    ].join('\n');
    expect(names(text)).toEqual([
      ['hpi', 'hpi', 'S'],
      ['exam', 'exam', 'O'],
      ['assessment', 'assessment', 'A'],
      ['plan', 'plan', 'P'],
    ]);
    // A lower-case letter, or one without a colon, heads nothing.
    expect(names('p: naproxen\nP Naproxen 500 mg BID.')).toEqual([['other', 'preamble', null]]);
  });

  it('reads the short "hx" headers, so a family history ends where the social history starts', () => {
    const text = 'FHx: Mother - multiple myeloma.\nSHx: Never smoker. No IVDU.\nPSHx: Appendectomy.';
    expect(detector.detect(text).map((s) => s.kind)).toEqual([
      'family_history',
      'social_history',
      'past_history',
    ]);
  });

  it('reads each way of writing a combined assessment and plan as one', () => {
    const headers = [
      'A/P:',
      'Assessment/Plan:',
      'Assessment / Plan:',
      'ASSESSMENT & PLAN:',
      'Impression/Plan:',
      'A&P:',
      'Diagnosis/Plan:',
      'IMPRESSION AND RECOMMENDATIONS:',
    ];
    for (const header of headers) {
      const text = `HPI: Low back pain for 3 months.\n${header} Lumbar strain. Naproxen 500 mg BID.`;
      expect(names(text)[1]).toEqual(['assessment', 'assessment_plan', header.slice(0, -1)]);
    }
  });

  it('reads titles joined by "/" or "&" as the kind they all head, and no other joins', () => {
    const text =
      'HPI: Back pain.\nPSH/PMH: L4-5 discectomy in 2016. HTN.\nPMH & PSH: none.\nHPI/Plan: walk daily.';
    // "HPI/Plan" joins two kinds: no header, so it stays inside the section above.
    expect(names(text)).toEqual([
      ['hpi', 'hpi', 'HPI'],
      ['history', 'past_history', 'PSH/PMH'],
      ['history', 'past_history', 'PMH & PSH'],
    ]);
  });

  it('reads "EXAM: MRI ..." as the study, not a physical exam', () => {
    expect(names('EXAM: MRI cervical spine without contrast\nFINDINGS: normal')[0]).toEqual([
      'technique',
      'technique',
      'EXAM',
    ]);
    expect(names('EXAM: Strength 5/5, reflexes 2+')[0]).toEqual(['exam', 'exam', 'EXAM']);
  });

  it('finds run-together transcription headers inside a line', () => {
    const text =
      'PREOPERATIVE DIAGNOSIS: , Lumbar stenosis.,POSTOPERATIVE DIAGNOSIS: , Same.,PROCEDURE PERFORMED: , Laminectomy.';
    expect(names(text).map((n) => n[2])).toEqual([
      'PREOPERATIVE DIAGNOSIS',
      'POSTOPERATIVE DIAGNOSIS',
      'PROCEDURE PERFORMED',
    ]);
  });

  it('treats unknown ALL-CAPS sub-headings inside FINDINGS as part of FINDINGS', () => {
    const secs = detector.detect(
      'FINDINGS:\nALIGNMENT: Normal.\nCONUS: Terminates at L1.\nIMPRESSION: Normal.',
    );
    expect(secs.map((s) => s.name)).toEqual(['findings', 'findings', 'findings', 'impression']);
  });
});
