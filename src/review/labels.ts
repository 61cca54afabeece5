/** Plain-word names for the identifiers a reviewer sees on the page. */
import type { TriageLevel, WarningCode } from '../facts/case-schema.js';
import type { Assertion, MeasurementKind } from '../facts/schema.js';

export const TRIAGE_TEXT: Record<TriageLevel, { label: string; meaning: string }> = {
  urgent: {
    label: 'Urgent',
    meaning: 'A red flag is present: evaluate now.',
  },
  'surgical-review': {
    label: 'Surgical review',
    meaning: 'A criterion for surgical consideration is met.',
  },
  'second-line': {
    label: 'Second-line care',
    meaning: 'No improvement after at least 6 weeks of conservative care.',
  },
  conservative: {
    label: 'Conservative care',
    meaning: 'Spine findings without any reason to go beyond first-line care.',
  },
  'insufficient-data': {
    label: 'Insufficient data',
    meaning: 'No spine finding was found in these documents.',
  },
};

export const WARNING_TEXT: Record<WarningCode, string> = {
  'imaging-only': 'Imaging only',
  'imaging-clinical-discordance': 'Imaging and clinic disagree',
  'mjoa-threshold-boundary': 'mJOA at the 12 boundary',
  'duration-unknown': 'Duration unknown',
  'conflicting-facts': 'Conflicting facts',
};

export const ASSERTION_TEXT: Record<Assertion, string> = {
  present: 'stated as present',
  absent: 'negated (not present)',
  possible: 'hedged (possible, suspected)',
  historical: 'in the past, not current',
  hypothetical: 'conditional or planned',
  family: 'about a relative',
};

export const CUE_TEXT: Record<string, string> = {
  negated: 'negation',
  possible: 'hedge',
  historical: 'history',
  hypothetical: 'condition or plan',
  family: 'relative',
  section: 'section default',
};

export const MEASURE_TEXT: Record<MeasurementKind, string> = {
  mjoa: 'mJOA',
  joa: 'JOA',
  nurick: 'Nurick grade',
  pain_score: 'Pain (0-10)',
  odi: 'ODI %',
  ndi: 'NDI %',
  height_loss_percent: 'Height loss %',
  genant_grade: 'Genant grade',
  symptom_duration_weeks: 'Symptom duration (weeks)',
  conservative_duration_weeks: 'Conservative care (weeks)',
  age_years: 'Age (years)',
};

export const measureLabel = (kind: string): string =>
  (MEASURE_TEXT as Record<string, string>)[kind] ?? kind.replace(/_/g, ' ');
