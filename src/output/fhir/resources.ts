/**
 * FHIR R4 resources for the facts of a case or a document: Patient, DocumentReference, Condition (imaging
 * and clinical findings), Procedure (treatments) and Observation (measurements). Built from a neutral
 * shape so a document bundle and a case bundle map facts the same way.
 */
import type {
  CodeableConcept,
  Coding,
  Condition,
  DocumentReference,
  Observation,
  Patient,
  Procedure,
  Reference,
} from '@medplum/fhirtypes';
import type {
  Assertion,
  DocumentResult,
  Finding,
  Measurement,
  MeasurementKind,
  Span,
} from '../../facts/schema.js';
import { ref, SPINEX, spanRef, stableUuid } from './ids.js';

export interface FactMention {
  source: string;
  span: Span;
}

/** A finding as the bundle sees it: one concept with one assertion, with the mentions that support it. */
export interface FhirFact {
  concept: string;
  label: string;
  category: Finding['category'];
  assertion: Assertion;
  levels: string[];
  severity: Finding['severity'];
  codes: Finding['codes'];
  mentions: FactMention[];
  /** Case treatments only: received or in use, ordered at a visit, or planned. */
  treatmentStatus?: 'tried' | 'ordered' | 'planned' | null;
}

/** Ties a bundle's resources together: the patient, and each source's DocumentReference id. */
export interface BundleContext {
  seed: string;
  patientId: string;
  documentIds: Map<string, string>;
}

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const SNOMED = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const CODE_SYSTEMS: Record<string, string> = { 'ICD-10-CM': 'http://hl7.org/fhir/sid/icd-10-cm' };

/** The condition-severity value set of R4 (SNOMED CT); "minimal" has no code and stays text. */
const SEVERITY_CODES: Record<string, Coding> = {
  mild: { system: SNOMED, code: '255604002', display: 'Mild' },
  moderate: { system: SNOMED, code: '6736007', display: 'Moderate' },
  severe: { system: SNOMED, code: '24484000', display: 'Severe' },
};

export function patientResource(ctx: BundleContext, identifier: string | null): Patient {
  return {
    resourceType: 'Patient',
    id: ctx.patientId,
    ...(identifier ? { identifier: [{ value: identifier }] } : {}),
  };
}

const DOCUMENT_TYPES: Record<string, string> = {
  radiology: 'Radiology report',
  clinic: 'Clinic note',
  unknown: 'Clinical document',
};

export function documentReference(ctx: BundleContext, doc: DocumentResult): DocumentReference {
  const id = ctx.documentIds.get(doc.source)!;
  const modality = doc.modality ? ` (${doc.modality.toUpperCase()})` : '';
  return {
    resourceType: 'DocumentReference',
    id,
    identifier: [{ system: SPINEX.source, value: doc.source }],
    status: 'current',
    type: { text: `${DOCUMENT_TYPES[doc.documentType]}${modality}` },
    subject: ref<Patient>(ctx.patientId, 'Patient'),
    description: doc.errors.length
      ? `${doc.source} (not read: ${doc.errors.map((e) => e.code).join(', ')})`
      : doc.source,
    content: [
      {
        attachment: {
          contentType: doc.source.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'text/plain',
          title: doc.source,
        },
      },
    ],
    ...(doc.date ? { context: { period: { start: doc.date } } } : {}),
  };
}

function conceptCode(f: FhirFact): CodeableConcept {
  const coding: Coding[] = f.codes.map((c) => ({
    system: CODE_SYSTEMS[c.system] ?? `urn:spinex:code-system:${c.system}`,
    code: c.code,
    display: c.display,
  }));
  coding.push({ system: SPINEX.concept, code: f.concept, display: f.label });
  return { coding, text: f.label };
}

function evidenceRefs(ctx: BundleContext, f: FhirFact): Reference[] {
  return f.mentions.map((m) => spanRef(ctx.documentIds.get(m.source)!, m.span, m.source));
}

const bodySite = (levels: string[]) => (levels.length ? { bodySite: [{ text: levels.join(', ') }] } : {});

/** Hypothetical and family facts are not the patient's conditions or care, so they get no resource. */
export function isPatientFact(f: FhirFact): boolean {
  return f.assertion !== 'hypothetical' && f.assertion !== 'family';
}

export function factResourceId(ctx: BundleContext, f: FhirFact): string {
  return stableUuid(ctx.seed, 'fact', f.concept, f.assertion);
}

export function conditionResource(ctx: BundleContext, f: FhirFact): Condition {
  const verification =
    f.assertion === 'absent' ? 'refuted' : f.assertion === 'possible' ? 'provisional' : 'confirmed';
  // A refuted condition has no clinical status; a historical one is no longer active.
  const clinical = f.assertion === 'absent' ? null : f.assertion === 'historical' ? 'inactive' : 'active';
  const severity = f.severity ? SEVERITY_CODES[f.severity] : undefined;
  return {
    resourceType: 'Condition',
    id: factResourceId(ctx, f),
    ...(clinical ? { clinicalStatus: { coding: [{ system: CLINICAL, code: clinical }] } } : {}),
    verificationStatus: { coding: [{ system: VERIFICATION, code: verification }] },
    category: [{ text: f.category === 'imaging' ? 'Imaging finding' : 'Clinical finding' }],
    ...(f.severity ? { severity: { ...(severity ? { coding: [severity] } : {}), text: f.severity } } : {}),
    code: conceptCode(f),
    ...bodySite(f.levels),
    subject: ref<Patient>(ctx.patientId, 'Patient'),
    evidence: [{ detail: evidenceRefs(ctx, f) }],
  };
}

const TREATMENT_WORDS = { tried: 'received or in use', ordered: 'ordered', planned: 'planned' } as const;

export function procedureResource(ctx: BundleContext, f: FhirFact): Procedure {
  const status: Procedure['status'] =
    f.assertion === 'absent'
      ? 'not-done'
      : f.assertion === 'historical'
        ? 'completed'
        : f.treatmentStatus === 'ordered' || f.treatmentStatus === 'planned'
          ? 'preparation'
          : 'unknown';
  const quotes = f.mentions.map((m) => `${m.source} [${m.span.start}-${m.span.end}]: "${m.span.text}"`);
  const said = f.treatmentStatus ? `${TREATMENT_WORDS[f.treatmentStatus]}; ` : '';
  return {
    resourceType: 'Procedure',
    id: factResourceId(ctx, f),
    status,
    code: conceptCode(f),
    subject: ref<Patient>(ctx.patientId, 'Patient'),
    ...bodySite(f.levels),
    note: [{ text: `${said}${f.assertion}. ${quotes.join('; ')}` }],
  };
}

export function factResource(ctx: BundleContext, f: FhirFact): Condition | Procedure {
  return f.category === 'treatment' ? procedureResource(ctx, f) : conditionResource(ctx, f);
}

interface KindInfo {
  label: string;
  unit: string;
  code: string;
  category?: string;
}
const SCORE = { unit: 'score', code: '{score}', category: 'survey' };
const KINDS: Record<MeasurementKind, KindInfo> = {
  mjoa: { label: 'mJOA score', ...SCORE },
  joa: { label: 'JOA score', ...SCORE },
  nurick: { label: 'Nurick grade', ...SCORE },
  pain_score: { label: 'Pain score (0-10)', ...SCORE },
  odi: { label: 'Oswestry Disability Index', unit: '%', code: '%', category: 'survey' },
  ndi: { label: 'Neck Disability Index', unit: '%', code: '%', category: 'survey' },
  height_loss_percent: { label: 'Vertebral body height loss', unit: '%', code: '%', category: 'imaging' },
  genant_grade: {
    label: 'Genant semiquantitative grade',
    unit: 'grade',
    code: '{grade}',
    category: 'imaging',
  },
  symptom_duration_weeks: { label: 'Symptom duration', unit: 'weeks', code: 'wk' },
  conservative_duration_weeks: { label: 'Conservative treatment duration', unit: 'weeks', code: 'wk' },
  age_years: { label: 'Age', unit: 'years', code: 'a' },
};

function interpretation(m: Measurement): string | null {
  if (!m.band) return null;
  if (m.kind === 'mjoa') return `${m.band} (AO Spine mJOA bands: mild 15-17, moderate 12-14, severe 0-11)`;
  return m.band;
}

export function measurementId(ctx: BundleContext, source: string, m: Measurement): string {
  return stableUuid(ctx.seed, 'measurement', source, m.kind, String(m.span.start));
}

export function observationResource(ctx: BundleContext, doc: DocumentResult, m: Measurement): Observation {
  const info = KINDS[m.kind];
  const band = interpretation(m);
  return {
    resourceType: 'Observation',
    id: measurementId(ctx, doc.source, m),
    status: 'final',
    ...(info.category ? { category: [{ coding: [{ system: OBS_CATEGORY, code: info.category }] }] } : {}),
    code: { coding: [{ system: SPINEX.measurement, code: m.kind, display: info.label }], text: info.label },
    subject: ref<Patient>(ctx.patientId, 'Patient'),
    ...(doc.date ? { effectiveDateTime: doc.date } : {}),
    valueQuantity: { value: m.value, unit: info.unit, system: UCUM, code: info.code },
    ...(band ? { interpretation: [{ text: band }] } : {}),
    ...(m.max != null ? { note: [{ text: `Scale maximum ${m.max}.` }] } : {}),
    ...(m.levels?.length ? { bodySite: { text: m.levels.join(', ') } } : {}),
    derivedFrom: [spanRef(ctx.documentIds.get(doc.source)!, m.span, doc.source)],
  };
}
