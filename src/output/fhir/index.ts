/**
 * `--format fhir`: one FHIR R4 Bundle (type `collection`) per case, or per document for `extract`, written
 * one Bundle per line (NDJSON, as FHIR bulk data is). A case bundle holds a Patient, a DocumentReference
 * per source, a Condition per case-level finding (a Procedure for a treatment), an Observation per
 * measurement and a ClinicalImpression with the triage, recommendations and warnings.
 *
 * Hypothetical and family facts ("return if numbness", "mother had cancer") are not the patient's
 * conditions and get no resource. Ids are name-based UUIDs of the case and fact, so output is deterministic.
 */
import type { Writable } from 'node:stream';
import type { Bundle, BundleEntry, Condition, Observation, Reference, Resource } from '@medplum/fhirtypes';
import type { CaseFinding, CaseResult, Evidence } from '../../facts/case-schema.js';
import type { DocumentResult, Finding } from '../../facts/schema.js';
import type { ResultWriter } from '../writer.js';
import { fullUrl, ref, SPINEX, stableUuid } from './ids.js';
import { clinicalImpression } from './impression.js';
import {
  type BundleContext,
  documentReference,
  type FhirFact,
  factResource,
  isPatientFact,
  measurementId,
  observationResource,
  patientResource,
} from './resources.js';

export { SPINEX, stableUuid } from './ids.js';

function context(seed: string, docs: readonly DocumentResult[]): BundleContext {
  return {
    seed,
    patientId: stableUuid(seed, 'patient'),
    documentIds: new Map(docs.map((d) => [d.source, stableUuid(seed, 'document', d.source)])),
  };
}

function entry(resource: Resource & { id?: string }): BundleEntry {
  return { fullUrl: fullUrl(resource.id!), resource };
}

function bundle(seed: string, kind: string, id: string, resources: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    id: stableUuid(seed, 'bundle'),
    identifier: { system: `${SPINEX.case}:${kind}`, value: id },
    type: 'collection',
    entry: resources.map(entry),
  };
}

const firstPatientId = (docs: readonly DocumentResult[]) => docs.find((d) => d.patientId)?.patientId ?? null;

function documentFact(doc: DocumentResult, f: Finding): FhirFact {
  return {
    concept: f.concept,
    label: f.label,
    category: f.category,
    assertion: f.assertion,
    levels: f.levels,
    severity: f.severity,
    codes: f.codes,
    mentions: f.mentions.map((m) => ({ source: doc.source, span: m.span })),
  };
}

/** One document's facts (no guideline: `extract --format fhir`). */
export function documentBundle(doc: DocumentResult): Bundle {
  const seed = `document\u0000${doc.source}`;
  const ctx = context(seed, [doc]);
  const facts = doc.findings.map((f) => documentFact(doc, f)).filter(isPatientFact);
  return bundle(seed, 'document', doc.source, [
    patientResource(ctx, doc.patientId),
    documentReference(ctx, doc),
    ...facts.map((f) => factResource(ctx, f)),
    ...doc.measurements.map((m) => observationResource(ctx, doc, m)),
  ]);
}

function caseFact(c: CaseResult, f: CaseFinding): FhirFact {
  const live = f.mentions.filter((m) => !m.superseded);
  const same = live.filter((m) => m.assertion === f.assertion);
  const mentions = same.length ? same : live.length ? live : f.mentions;
  const codes = new Map<string, Finding['codes'][number]>();
  for (const d of c.documents)
    for (const df of d.findings)
      if (df.concept === f.concept && df.assertion === f.assertion)
        for (const code of df.codes) codes.set(`${code.system}\u0000${code.code}`, code);
  const treatment = c.facts.treatments.find((t) => t.concept === f.concept);
  return {
    concept: f.concept,
    label: f.label,
    category: f.category,
    assertion: f.assertion,
    levels: f.levels,
    severity: f.severity,
    codes: [...codes.values()],
    mentions: mentions.map((m) => ({ source: m.source, span: m.span })),
    ...(f.category === 'treatment' ? { treatmentStatus: treatment?.status ?? null } : {}),
  };
}

/** One case: its documents, facts, measurements and the guideline's conclusion. */
export function caseBundle(c: CaseResult): Bundle {
  const seed = `case\u0000${c.caseId}`;
  const ctx = context(seed, c.documents);
  const facts = c.facts.findings.map((f) => caseFact(c, f)).filter(isPatientFact);
  const factResources = facts.map((f) => factResource(ctx, f));
  const observations = c.documents.flatMap((d) => d.measurements.map((m) => observationResource(ctx, d, m)));
  const documents = c.documents.map((d) => documentReference(ctx, d));

  const conditions = new Map<string, string>();
  facts.forEach((f, i) => {
    const r = factResources[i]!;
    if (r.resourceType === 'Condition') conditions.set(f.concept, r.id!);
  });
  const observationIds = new Set(observations.map((o) => o.id));
  const resolve = (e: Evidence): Reference<Condition | Observation> | null => {
    if (e.concept) {
      const id = conditions.get(e.concept);
      return id ? ref<Condition>(id, 'Condition') : null;
    }
    const doc = c.documents.find((d) => d.source === e.source);
    const start = e.span?.start;
    const m = doc?.measurements.find((x) => x.kind === e.kind && x.span.start === start);
    if (!doc || !m) return null;
    const id = measurementId(ctx, doc.source, m);
    return observationIds.has(id) ? ref<Observation>(id, 'Observation') : null;
  };
  const supporting = [...factResources, ...observations].map((r) => ref(r.id!, r.resourceType));
  return bundle(seed, 'case', c.caseId, [
    patientResource(ctx, firstPatientId(c.documents)),
    ...documents,
    ...factResources,
    ...observations,
    clinicalImpression(ctx, c, resolve, supporting),
  ]);
}

function put(stream: Writable, chunk: string): Promise<void> {
  return stream.write(chunk) ? Promise.resolve() : new Promise((r) => stream.once('drain', () => r()));
}

/** Writes one Bundle per line as each item arrives. */
export function createFhirWriter<T>(stream: Writable, toBundle: (item: T) => Bundle): ResultWriter<T> {
  return {
    async write(item: T) {
      await put(stream, `${JSON.stringify(toBundle(item))}\n`);
    },
    async close() {
      if (stream !== process.stdout) await new Promise<void>((r) => stream.end(() => r()));
    },
  };
}
