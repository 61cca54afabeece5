/**
 * Assembles CaseFacts from the documents of one case (already in case order): merged findings and
 * conflicts, measurements, durations, treatments, the clinical course, and what kind of documents
 * the case has.
 */
import type { CaseFacts, CaseFinding, CaseMeasurement, CaseMention, Evidence } from '../facts/case-schema.js';
import type { Assertion, DocumentResult, Modifiers } from '../facts/schema.js';
import { CareReading } from './care.js';
import { courseSentences, isClinical, readCourse, readTreatments } from './course.js';
import { type DatedEvidence, inferredDuration, longer, statedDuration } from './durations.js';
import type { CaseLanguage, LanguageSpec } from './language.js';
import { type CaseDocument, mergeFindings } from './merge.js';
import { CaseReader } from './reading.js';

/** The concept groups the case stage needs (from lexicons/guideline.json `sets`). */
export interface CaseSettings {
  spineClinical: readonly string[];
  conservativeTreatments: readonly string[];
  treatmentFailure: string;
}

const counts = (m: CaseMention): boolean =>
  !m.superseded && (m.assertion === 'present' || m.assertion === 'possible');

function latestDate(dates: Iterable<string | null>): string | null {
  let best: string | null = null;
  for (const d of dates) if (d !== null && (best === null || d > best)) best = d;
  return best;
}

interface SettingSets {
  spineClinical: ReadonlySet<string>;
  conservative: ReadonlySet<string>;
  courseConcepts: ReadonlySet<string>;
}

/** The settings' concept groups as sets, made once per settings object instead of once per case. */
const settingSets = new WeakMap<CaseSettings, SettingSets>();

function setsOf(settings: CaseSettings): SettingSets {
  let sets = settingSets.get(settings);
  if (!sets) {
    sets = {
      spineClinical: new Set(settings.spineClinical),
      conservative: new Set(settings.conservativeTreatments),
      courseConcepts: new Set([...settings.spineClinical, settings.treatmentFailure]),
    };
    settingSets.set(settings, sets);
  }
  return sets;
}

/** The distinct modalities of the documents, in document order. */
function modalitiesOf(results: readonly DocumentResult[]): string[] {
  const out: string[] = [];
  for (const r of results) if (r.modality && !out.includes(r.modality)) out.push(r.modality);
  return out;
}

const DAY_MS = 86_400_000;
const DURATION_KINDS: ReadonlySet<string> = new Set([
  'symptom_duration_weeks',
  'conservative_duration_weeks',
]);

/**
 * Documents of an earlier episode: dated more than `episodeWeeks` before the latest dated clinic note ("failed
 * conservative management including ESIs" in an operative note of 2015 is not this year's course).
 */
function earlierEpisode(results: readonly DocumentResult[], spec: LanguageSpec): Set<string> {
  let latest: string | null = null;
  for (const r of results)
    if (r.date !== null && isClinical(r, spec.clinicalSections) && (latest === null || r.date > latest))
      latest = r.date;
  const out = new Set<string>();
  if (latest === null) return out;
  const cutoff = new Date(Date.parse(`${latest}T00:00:00Z`) - spec.episodeWeeks * 7 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  for (const r of results) if (r.date !== null && r.date < cutoff) out.add(r.source);
  return out;
}

/** A document of an earlier episode: its clinical findings and care become history, its durations go. */
function asEarlierEpisode(r: DocumentResult): DocumentResult {
  const past = <T extends { assertion: Assertion; modifiers: Modifiers }>(x: T): T =>
    x.assertion === 'present' || x.assertion === 'possible'
      ? { ...x, assertion: 'historical', modifiers: { ...x.modifiers, historical: true } }
      : x;
  return {
    ...r,
    findings: r.findings.map((f) =>
      f.category === 'imaging' ? f : { ...past(f), mentions: f.mentions.map(past) },
    ),
    measurements: r.measurements.filter((m) => !DURATION_KINDS.has(m.kind)),
  };
}

function mentionEvidence(rule: string, f: CaseFinding, m: CaseMention): Evidence {
  return { rule, concept: f.concept, assertion: m.assertion, source: m.source, date: m.date, span: m.span };
}

/**
 * The result without imaging findings said of another joint: a mention with no spinal level, in a sentence
 * that names a joint or limb and not the spine ("XR L knee: ... with osteophytes" in a knee clinic note).
 */
function withoutOtherJoints(r: DocumentResult, read: CaseReader): DocumentResult {
  let dropped = false;
  const findings = r.findings.flatMap((f) => {
    if (f.category !== 'imaging') return [f];
    const mentions = f.mentions.filter(
      (m) => m.levels.length > 0 || !read.aboutOtherJoint(r.source, m.sentence),
    );
    if (mentions.length === f.mentions.length) return [f];
    dropped = true;
    return mentions.length === 0 ? [] : [{ ...f, mentions }];
  });
  return dropped ? { ...r, findings } : r;
}

/**
 * A note about another condition: it names a diagnosis outside the spine ("right carpal tunnel syndrome",
 * "rotator cuff tendinopathy") and no spine finding but the symptoms that diagnosis explains. Those symptoms
 * (hand numbness, thenar weakness, clumsiness) and the note's care (a wrist splint, shoulder PT) are that
 * condition's, not the spine's, and are left out of the case.
 */
function withoutOtherCondition(
  r: DocumentResult,
  text: string | undefined,
  lang: CaseLanguage,
  spineClinical: ReadonlySet<string>,
): DocumentResult {
  const explained = lang.explainedByOtherDiagnosis;
  if (text === undefined || explained.size === 0) return r;
  const stated = (f: DocumentResult['findings'][number]) =>
    f.assertion === 'present' || f.assertion === 'possible';
  const anchored = r.findings.some(
    (f) =>
      stated(f) && (f.category === 'imaging' || (spineClinical.has(f.concept) && !explained.has(f.concept))),
  );
  const leaves = (f: DocumentResult['findings'][number]) =>
    explained.has(f.concept) || f.category === 'treatment';
  if (anchored || !r.findings.some(leaves) || !lang.namesOtherDiagnosis(text)) return r;
  return { ...r, findings: r.findings.filter((f) => !leaves(f)) };
}

export function buildCaseFacts(
  docs: readonly CaseDocument[],
  lang: CaseLanguage,
  spec: LanguageSpec,
  settings: CaseSettings,
  read: CaseReader = new CaseReader(lang, docs),
): CaseFacts {
  // Imaging findings of a study that is not of the spine (a knee radiograph's osteophytes) are no
  // spine findings: a spine report names a level or region, or at least the spine, somewhere.
  const nonSpineStudies = docs
    .filter(
      (d) =>
        d.result.documentType === 'radiology' &&
        d.text !== undefined &&
        !d.result.findings.some((f) => f.levels.length > 0 || f.region.length > 0) &&
        !read.mentionsSpine(d.result.source, d.text),
    )
    .map((d) => d.result.source);
  const results = docs.map((d) => d.result);
  const earlier = earlierEpisode(results, spec);
  // What the case reads of each document: no imaging findings from a study not of the spine, and only history
  // from a document of an earlier episode.
  const readResults = docs.map(({ result: r, text }) => {
    const own = nonSpineStudies.includes(r.source)
      ? { ...r, findings: r.findings.filter((f) => f.category !== 'imaging') }
      : withoutOtherCondition(withoutOtherJoints(r, read), text, lang, setsOf(settings).spineClinical);
    return earlier.has(r.source) ? asEarlierEpisode(own) : own;
  });
  const { findings, conflicts } = mergeFindings(readResults);
  const clinicSources = new Set(
    results.filter((r) => isClinical(r, spec.clinicalSections)).map((r) => r.source),
  );
  const measurements: CaseMeasurement[] = [];
  for (const r of readResults)
    for (const m of r.measurements)
      measurements.push({
        kind: m.kind,
        value: m.value,
        max: m.max ?? null,
        source: r.source,
        date: r.date,
        span: m.span,
      });

  const { spineClinical, conservative, courseConcepts } = setsOf(settings);
  const care = new CareReading(findings, settings.treatmentFailure, read, spec.treatmentOrderSections);
  const treatments = readTreatments(
    findings,
    read,
    settings.treatmentFailure,
    spec.treatmentListSections,
    care,
  );
  const inClinic = (m: CaseMention) => clinicSources.has(m.source);

  // Dates at which a clinic note still reports the problem / the treatment.
  const symptomDates: (string | null)[] = [];
  const spineSources = new Set<string>();
  for (const f of findings) {
    if (!spineClinical.has(f.concept)) continue;
    for (const m of f.mentions) {
      if (!inClinic(m) || !counts(m)) continue;
      symptomDates.push(m.date);
      spineSources.add(m.source);
    }
  }
  // Treatment for the spine problem starts at a note that reports it (a standing prescription for
  // something else does not start the clock) and runs to the last note where it is still received.
  const treatmentEnds: DatedEvidence[] = [];
  let treatmentStart: DatedEvidence | null = null;
  // The first note reports the care already in use ("has been seeing her twice weekly"), not its start.
  let startedEarlier = false;
  for (const f of findings) {
    const isConservative = conservative.has(f.concept);
    if (!isConservative && f.concept !== settings.treatmentFailure) continue;
    for (const m of f.mentions) {
      if (!inClinic(m) || m.superseded || m.date === null || m.assertion !== 'present') continue;
      const ev = { date: m.date, evidence: mentionEvidence('duration', f, m) };
      if (
        isConservative &&
        spineSources.has(m.source) &&
        (treatmentStart === null || m.date < treatmentStart.date)
      ) {
        treatmentStart = ev;
        startedEarlier = care.status(m) === 'tried';
      }
      if (!isConservative || care.status(m) === 'tried') treatmentEnds.push(ev);
    }
  }
  const treatmentEnd = treatmentEnds.reduce<DatedEvidence | null>(
    (a, b) => (a === null || b.date > a.date ? b : a),
    null,
  );
  const symptom = statedDuration(measurements, 'symptom_duration_weeks', latestDate(symptomDates));
  let inferred = inferredDuration(treatmentStart, treatmentEnd);
  // Treatment of a problem cannot have lasted longer than the problem.
  if (inferred && symptom && inferred.weeks > symptom.weeks) inferred = null;
  const conservativeWeeks = longer(
    statedDuration(measurements, 'conservative_duration_weeks', treatmentEnd?.date ?? null),
    inferred,
  );

  const course = readCourse(
    docs.map((d) => {
      if (earlier.has(d.result.source)) return [];
      const clinic = clinicSources.has(d.result.source);
      const sections = clinic ? spec.courseSections.clinic : spec.courseSections.radiology;
      return courseSentences(d, clinic, sections, courseConcepts);
    }),
    read,
  );
  // A treatment_failure statement outside the course sections ("Plan: failed conservative care") counts too.
  const failure = findings.find((f) => f.concept === settings.treatmentFailure);
  const seen = new Set(course.failedConservative.map((e) => `${e.source}\u0000${e.span?.start}`));
  for (const m of failure?.mentions ?? []) {
    if (m.assertion !== 'present' || !read.globalFailure(m.source, m.sentence)) continue;
    if (seen.has(`${m.source}\u0000${m.sentence.start}`)) continue;
    course.failedConservative.push({
      ...mentionEvidence('language.globalFailure', failure!, m),
      span: m.sentence,
    });
  }

  const anyTried =
    treatments.some((t) => t.status === 'tried') ||
    (failure?.active.includes('present') ?? false) ||
    course.failedConservative.length > 0;
  // Symptoms under treatment count when the care's own length is unknown, and also when it is known only as
  // a lower bound: weeks between notes that both report care begun before the first of them.
  const lowerBound = conservativeWeeks?.basis === 'inferred' && startedEarlier;
  const underTreatment = anyTried ? (symptom?.weeks ?? null) : null;
  const effectiveWeeks =
    conservativeWeeks === null
      ? underTreatment
      : lowerBound && underTreatment !== null
        ? Math.max(conservativeWeeks.weeks, underTreatment)
        : conservativeWeeks.weeks;

  // A problem that a later note calls resolved was still a spine problem of this case.
  const stated = (m: CaseMention) => m.assertion === 'present' || m.assertion === 'possible';
  const hasImagingFindings = findings.some((f) => f.category === 'imaging' && f.mentions.some(stated));
  const hasMri =
    results.some((r) => r.modality === 'mri' && r.documentType !== 'clinic') ||
    findings.some(
      (f) =>
        f.category === 'imaging' &&
        f.mentions.some(
          (m) =>
            m.assertion !== 'hypothetical' &&
            m.assertion !== 'family' &&
            read.mentionsMri(m.source, m.sentence),
        ),
    );

  return {
    documentCount: results.length,
    nonSpineStudies,
    clinicDocuments: clinicSources.size,
    radiologyDocuments: results.filter((r) => r.documentType === 'radiology').length,
    modalities: modalitiesOf(results),
    hasMri,
    hasImagingFindings,
    hasSpineFinding:
      hasImagingFindings || findings.some((f) => spineClinical.has(f.concept) && f.mentions.some(stated)),
    findings,
    measurements,
    durations: { symptom, conservative: conservativeWeeks, effectiveWeeks },
    course: { status: course.status, evidence: course.evidence },
    failedConservative: course.failedConservative,
    treatments,
    conflicts,
  };
}
