import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentLexicon, parseDate } from '../../src/classify/index.js';
import { packageRoot } from '../../src/util/package-root.js';
import { extractText } from '../helpers/extractor.js';

describe('document type, modality, date and patient id', () => {
  it('reads a radiology report with its modality, exam date and MRN', () => {
    const r = extractText(
      'MRN: 00451-A\nEXAM DATE: 03/14/2025\nEXAM: MRI LUMBAR SPINE WITHOUT CONTRAST\nFINDINGS:\nL4-5: Mild disc bulge.\nIMPRESSION:\nMild degenerative change.',
    );
    expect([r.documentType, r.modality, r.date, r.patientId]).toEqual([
      'radiology',
      'mri',
      '2025-03-14',
      '00451-A',
    ]);
  });

  it('tells CT and radiographs apart from the study title', () => {
    expect(extractText('CT THORACIC SPINE\nFINDINGS: Chronic T8 wedge deformity.').modality).toBe('ct');
    expect(
      extractText('Lumbar spine radiographs, AP and lateral views.\nFINDINGS: Mild spondylosis.').modality,
    ).toBe('xray');
  });

  it('reads a hyphenated study name ("X-RAY", "x-ray") as the phrase without its hyphen', () => {
    expect(extractText('X-RAY LUMBAR SPINE 2 VIEWS\nFINDINGS: Mild loss of height of L2.').modality).toBe(
      'xray',
    );
    expect(extractText('Lumbar spine x-ray, 3 views.\nFINDINGS: Mild spondylosis.').modality).toBe('xray');
  });

  it('names the study from the first 600 characters only, a word cut at the 600th read as cut', () => {
    // A findings paragraph pushes the rest of the report past the head the study is named in.
    const filler = 'The vertebral bodies are normal in height and alignment is maintained. '.repeat(12);
    const pad = (n: number) => `FINDINGS: ${filler}`.slice(0, n);
    const head = pad(596);
    expect(extractText(`${head} CT lumbar spine.\nIMPRESSION: Mild spondylosis.`).modality).toBe('ct');
    // "CT" from character 599 to 601: the head ends at "C", which names no study.
    expect(extractText(`${pad(598)} CT of the lumbar spine.\nIMPRESSION: Mild spondylosis.`).modality).toBe(
      null,
    );
    expect(extractText(`${pad(597)} CT of the lumbar spine.\nIMPRESSION: Mild spondylosis.`).modality).toBe(
      'ct',
    );
    expect(extractText(`${pad(620)} MRI of the lumbar spine.\nIMPRESSION: Mild spondylosis.`).modality).toBe(
      null,
    );
  });

  it('reads a clinic note as clinic, with no modality even when it mentions an MRI', () => {
    const r = extractText(
      'Patient ID: TST-77\nDate of service: 2025-01-09\nCHIEF COMPLAINT: Low back pain.\nHPI: MRI showed a disc bulge.\nASSESSMENT: Lumbar strain.\nPLAN: Physical therapy.',
    );
    expect([r.documentType, r.modality, r.date, r.patientId]).toEqual([
      'clinic',
      null,
      '2025-01-09',
      'TST-77',
    ]);
  });

  it("reads a clinician's impression as clinic, and an impression of a named study as radiology", () => {
    const clinic = extractText(
      'Physical therapy for 10 weeks for neck pain radiating to the left hand.\nImpression: left C7 radiculopathy that has not responded to therapy.',
    );
    expect(clinic.documentType).toBe('clinic');
    const report = extractText('MRI LUMBAR SPINE\nIMPRESSION: Mild multilevel spondylosis without stenosis.');
    expect(report.documentType).toBe('radiology');
  });

  it('reads dictated first-person prose as clinic, even with an impression in it', () => {
    const dictated = extractText(
      'I am seeing this 61-year-old woman today for low back pain that travels into her right calf. ' +
        'She tells me that eight weeks of physical therapy have not helped. On examination her right ankle ' +
        'jerk is absent. My impression is a right S1 radiculopathy.',
    );
    expect(dictated.documentType).toBe('clinic');
    // The same words weigh the same in a short note: what it is about decides.
    const short = extractText('Sciatica on the left for 9 weeks.\nMy impression is an L5 radiculopathy.');
    expect(short.documentType).toBe('clinic');
    const report = extractText('Impression: disc bulge at L4-5 with mild foraminal narrowing.');
    expect(report.documentType).toBe('radiology');
  });

  it('reads a header-less imaging note as radiology', () => {
    expect(extractText('Diffuse disc bulge at L4/L5 mildly compressing the thecal sac.').documentType).toBe(
      'radiology',
    );
  });

  it('dates a note from a date line under its title when no date is labelled', () => {
    const soap = 'PROGRESS NOTE\n03/14/2025 10:40 AM\n\nS: Low back pain for 3 months, no better with PT.\n';
    expect(extractText(soap).date).toBe('2025-03-14');
    expect(extractText('Spine Clinic Follow-up Visit - March 14, 2025\n\nNeck pain is improving.').date).toBe(
      '2025-03-14',
    );
    // A military time after the date is still a date line; another number is not.
    expect(extractText('ED NOTE 03/22/2025 0214\nHPI: Low back pain for 3 days.\n').date).toBe('2025-03-22');
    expect(extractText('Patient 03/22/2025 5555\nHPI: Low back pain.\n').date).toBeNull();
    // A labelled date still wins over a date line.
    expect(extractText('Clinic note 03/14/2025\nDate of service: 03/10/2025\nNeck pain.').date).toBe(
      '2025-03-10',
    );
  });

  it('dates a therapy note or a letter by its own label', () => {
    expect(extractText('PHYSICAL THERAPY EVALUATION\nDate of Eval: 02/01/2024\nLow back pain.').date).toBe(
      '2024-02-01',
    );
    expect(extractText('Daily Note\nTreatment date: 03/21/2024\nPain unchanged.').date).toBe('2024-03-21');
    expect(extractText('Date of letter: 05/06/2024\nDear Dr Patel, thank you for seeing Mr Lee.').date).toBe(
      '2024-05-06',
    );
  });

  it('dates a note from a head line with the date first, a service name or a day-month-year date', () => {
    expect(extractText('04/22/2024 Clinic\nHPI: Low back pain for 3 weeks.').date).toBe('2024-04-22');
    expect(extractText('03/14/2025 - Progress Note\nNeck pain.').date).toBe('2025-03-14');
    expect(extractText('Spine Surgery Consult 06/10/2024\nHPI: Leg pain.').date).toBe('2024-06-10');
    expect(extractText('PT PROGRESS NOTE\n05-Aug-2024\nVisit 8 of 12.').date).toBe('2024-08-05');
    // A date of surgery, or a name after the date, is no date of the note.
    expect(extractText('Surgery 06/10/2020\nHPI: Leg pain.').date).toBeNull();
    expect(extractText('03/14/2025 John Smith\nHPI: Leg pain.').date).toBeNull();
  });

  it('reads day-first, ordinal and weekday dates of letters', () => {
    expect(extractText('Seen 30/04/2025\nBack pain for two weeks.').date).toBe('2025-04-30');
    expect(extractText('GP REVIEW\nTuesday 22 April 2025\nBack pain.').date).toBe('2025-04-22');
    expect(extractText('Clinic letter\n31st March 2025\nBack pain.').date).toBe('2025-03-31');
    expect(extractText('Clinic letter\n31.03.2025\nBack pain.').date).toBe('2025-03-31');
    // Both numbers could be a month: US order.
    expect(extractText('Clinic letter\n03.04.2025\nBack pain.').date).toBe('2025-03-04');
  });

  it('reads "Exam:" before a body part as a physical exam, before a study as the study', () => {
    const follow =
      'PHYSICAL MEDICINE FOLLOW-UP\nJune 2, 2025\nAbout 50% better.\nExam: Lumbar flexion improved.\nPlan: Continue PT.';
    expect(extractText(follow).documentType).toBe('clinic');
    expect(
      extractText('EXAM: MRI LUMBAR SPINE WITHOUT CONTRAST\nFINDINGS: Mild bulge at L4-5.').documentType,
    ).toBe('radiology');
  });

  it('reads a visit or arrival label as the date', () => {
    expect(extractText('Visit: 03/02/2024\nLow back pain for 3 months.').date).toBe('2024-03-02');
    expect(extractText('ED PROVIDER NOTE\nArrival: 2024-10-19 21:15\nBack pain.').date).toBe('2024-10-19');
  });

  it('leaves a note undated when the first lines date something else', () => {
    expect(extractText('Jane Doe 04/02/1961\n\nLow back pain for 3 months.').date).toBeNull();
    expect(extractText('CLINIC NOTE\nDOB - 04/02/1961\n\nLow back pain for 3 months.').date).toBeNull();
    expect(extractText('Follow-up note\nPrior MRI 01/05/2024\nLow back pain for 3 months.').date).toBeNull();
    // Past the first lines a date is part of the history.
    const later = 'CLINIC NOTE\nChief complaint: low back pain.\nHistory: fell at work.\n01/05/2024\n';
    expect(extractText(later).date).toBeNull();
  });

  it('loads a document lexicon written before the date-line words, with none of them', () => {
    const { headDateTitleWords, headDateBlockers, ...older } = DocumentLexicon.parse(
      JSON.parse(readFileSync(join(packageRoot(), 'lexicons', 'document.json'), 'utf8')),
    );
    expect(headDateTitleWords.length).toBeGreaterThan(0);
    const parsed = DocumentLexicon.parse(older);
    expect([parsed.headDateTitleWords, parsed.headDateBlockers, headDateBlockers.length > 0]).toEqual([
      [],
      [],
      true,
    ]);
  });

  it('parses the common date forms', () => {
    expect(parseDate('March 3, 2026')).toBe('2026-03-03');
    expect(parseDate('3 March 2026')).toBe('2026-03-03');
    expect(parseDate('12/01/24')).toBe('2024-12-01');
    expect(parseDate('13/45/2024')).toBeNull();
  });
});
