import type {
  Bundle,
  ClinicalImpression,
  Condition,
  DocumentReference,
  Observation,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/facts/case-schema.js';
import { runCase } from '../../src/guideline/index.js';
import { caseBundle, documentBundle, SPINEX } from '../../src/output/fhir/index.js';
import { extractor, extractText, textDocument } from '../helpers/extractor.js';
import { fhirValidator, problems } from './fhir-validator.js';
import { sampleCases, sampleDocuments } from './samples.js';

let validate: Awaited<ReturnType<typeof fhirValidator>>;
beforeAll(async () => {
  validate = await fhirValidator();
}, 60_000);

const resources = <T extends Resource>(b: Bundle, type: T['resourceType']): T[] =>
  (b.entry ?? []).map((e) => e.resource!).filter((r): r is T => r.resourceType === type);
const conceptOf = (r: Condition | Procedure) =>
  r.code?.coding?.find((c) => c.system === SPINEX.concept)?.code;

function caseOf(texts: Record<string, string>, caseId = 'test-case'): CaseResult {
  const docs = Object.entries(texts).map(([source, text]) => {
    const doc = textDocument(text, source);
    return { result: extractor().extract(doc), text: doc.text };
  });
  return runCase(docs, { caseId });
}

describe('FHIR bundles of the sample cases', () => {
  it('pass the R4 validator, bundle and every resource', async () => {
    const cases = await sampleCases();
    expect(cases.length).toBeGreaterThanOrEqual(18);
    for (const c of cases) {
      const b = caseBundle(c);
      expect(problems(validate, b), c.caseId).toEqual([]);
      for (const e of b.entry!)
        expect(problems(validate, e.resource), `${c.caseId} ${e.resource!.resourceType}`).toEqual([]);
    }
  });

  it('have the documented shape: a DocumentReference per source and one ClinicalImpression', async () => {
    for (const c of await sampleCases()) {
      const b = caseBundle(c);
      expect(b.type).toBe('collection');
      expect(b.identifier).toEqual({ system: `${SPINEX.case}:case`, value: c.caseId });
      expect(resources(b, 'Patient')).toHaveLength(1);
      expect(
        resources<DocumentReference>(b, 'DocumentReference').map((d) => d.identifier![0]!.value),
      ).toEqual(c.sources);
      const [impression, ...more] = resources<ClinicalImpression>(b, 'ClinicalImpression');
      expect(more).toEqual([]);
      expect(impression!.finding![0]!.itemCodeableConcept!.coding![0]).toMatchObject({
        system: SPINEX.triage,
        code: c.triage,
      });
      expect(impression!.note?.length ?? 0).toBe(c.recommendations.length + c.warnings.length);
      const urls = b.entry!.map((e) => e.fullUrl!);
      expect(new Set(urls).size).toBe(urls.length);
      // every reference inside the bundle resolves to an entry of the bundle
      const refs = JSON.stringify(b).match(/"reference":"(urn:uuid:[^"]+)"/g) ?? [];
      for (const r of refs) expect(urls).toContain(r.slice('"reference":"'.length, -1));
    }
  });

  it('per-document bundles (extract --format fhir) pass the validator', async () => {
    for (const d of await sampleDocuments()) {
      const b = documentBundle(d);
      expect(problems(validate, b), d.source).toEqual([]);
      expect(resources(b, 'ClinicalImpression')).toEqual([]);
    }
  });
});

describe('Condition mapping', () => {
  const c = caseOf({
    'mri.txt':
      'MRI LUMBAR SPINE\nIMPRESSION:\n1. Mild L4-5 and L5-S1 spondylosis.\n2. Possible L3 compression deformity.\n3. No retropulsion.\n4. History of L1 fracture.',
    'clinic.txt':
      'HPI: Low back pain for 8 weeks. Mother had breast cancer.\nPLAN: Return if you develop saddle numbness.',
  });
  const b = caseBundle(c);
  const conditions = resources<Condition>(b, 'Condition');
  const byConcept = (concept: string) => conditions.find((x) => conceptOf(x) === concept);
  const status = (x: Condition | undefined) => [
    x?.verificationStatus?.coding?.[0]?.code,
    x?.clinicalStatus?.coding?.[0]?.code ?? null,
  ];

  it('maps assertions to verification and clinical status', () => {
    expect(status(byConcept('spondylosis'))).toEqual(['confirmed', 'active']);
    expect(status(byConcept('retropulsion'))).toEqual(['refuted', null]);
    const possible = conditions.filter((x) => x.verificationStatus?.coding?.[0]?.code === 'provisional');
    expect(possible.length).toBeGreaterThan(0);
  });

  it('codes ICD-10-CM where the lexicon has a code, and always gives code.text and the levels', () => {
    const s = byConcept('spondylosis')!;
    expect(s.code!.coding).toContainEqual(
      expect.objectContaining({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M47.816' }),
    );
    expect(s.bodySite).toEqual([{ text: 'L4-L5, L5-S1' }]);
    expect(s.severity?.coding?.[0]?.code).toBe('255604002');
    for (const x of conditions) expect(x.code?.text).toBeTruthy();
  });

  it('points evidence at the DocumentReference with the exact span', () => {
    const docs = resources<DocumentReference>(b, 'DocumentReference');
    const mri = docs.find((d) => d.identifier![0]!.value === 'mri.txt')!;
    const detail = byConcept('spondylosis')!.evidence![0]!.detail![0]!;
    expect(detail.reference).toBe(`urn:uuid:${mri.id}`);
    const ext = detail.extension!.find((e) => e.url === SPINEX.span)!;
    const get = (k: string) => ext.extension!.find((e) => e.url === k)!;
    const text = textDocument(
      'MRI LUMBAR SPINE\nIMPRESSION:\n1. Mild L4-5 and L5-S1 spondylosis.\n2. Possible L3 compression deformity.\n3. No retropulsion.\n4. History of L1 fracture.',
    ).text;
    expect(text.slice(get('start').valueInteger!, get('end').valueInteger!)).toBe(get('text').valueString);
  });

  it('leaves out family and hypothetical facts (not the patient’s conditions)', () => {
    const assertions = new Map(c.facts.findings.map((f) => [f.concept, f.assertion]));
    expect(assertions.get('saddle_anesthesia')).toBe('hypothetical');
    expect(byConcept('saddle_anesthesia')).toBeUndefined();
    if (assertions.get('cancer_history') === 'family') expect(byConcept('cancer_history')).toBeUndefined();
    for (const x of conditions) expect(problems(validate, x)).toEqual([]);
  });
});

describe('Observation and Procedure mapping', () => {
  const c = caseOf({
    'note.txt':
      'Visit date: 2024-05-02\nHPI: Neck pain and hand numbness for 10 weeks despite physical therapy.\nEXAM: Hoffmann sign positive. mJOA 13/18. Pain 7/10. NDI 20/50.\nPLAN: Refer to physical therapy. Start gabapentin.',
  });
  const b = caseBundle(c);
  const obs = resources<Observation>(b, 'Observation');
  const kind = (k: string) => obs.find((o) => o.code?.coding?.[0]?.code === k);

  it('gives value, UCUM unit and the band as interpretation', () => {
    expect(kind('mjoa')).toMatchObject({
      status: 'final',
      effectiveDateTime: '2024-05-02',
      valueQuantity: { value: 13, code: '{score}', system: 'http://unitsofmeasure.org' },
    });
    expect(kind('mjoa')!.interpretation![0]!.text).toMatch(/^moderate/);
    expect(kind('ndi')!.valueQuantity).toMatchObject({ value: 40, code: '%' });
    expect(kind('symptom_duration_weeks')!.valueQuantity).toMatchObject({ value: 10, code: 'wk' });
    for (const o of obs) expect(o.derivedFrom![0]!.type).toBe('DocumentReference');
  });

  it('makes treatments Procedures, not Conditions', () => {
    const procs = resources<Procedure>(b, 'Procedure');
    expect(procs.map(conceptOf)).toContain('physical_therapy');
    expect(resources<Condition>(b, 'Condition').map(conceptOf)).not.toContain('physical_therapy');
    for (const p of procs) expect(problems(validate, p)).toEqual([]);
  });

  it('the ClinicalImpression cites the facts behind the triage', () => {
    const [ci] = resources<ClinicalImpression>(b, 'ClinicalImpression');
    expect(ci!.summary).toBe(c.summary);
    expect(ci!.protocol![0]).toBe(`${SPINEX.guideline}:${c.guidelineVersion}`);
    const refs = new Set(b.entry!.map((e) => e.fullUrl));
    for (const f of ci!.finding!.slice(1))
      if (f.itemReference) expect(refs).toContain(f.itemReference.reference);
  });
});

describe('a document that could not be read', () => {
  it('still gives a valid bundle that says so', () => {
    const r = {
      ...extractText('x', 'scan.pdf'),
      findings: [],
      errors: [{ code: 'needs-ocr', message: 'no text' }],
    };
    const b = documentBundle(r);
    expect(problems(validate, b)).toEqual([]);
    const [doc] = resources<DocumentReference>(b, 'DocumentReference');
    expect(doc!.description).toContain('needs-ocr');
    expect(doc!.content[0]!.attachment.contentType).toBe('application/pdf');
  });
});
