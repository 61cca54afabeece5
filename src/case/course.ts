/**
 * The clinical course read from the notes: improving, not improving or worse (the extraction does not
 * say this, so the course words of lexicons/guideline.json `language.course` are matched here), which
 * treatments were received and whether they helped, and whether the text says conservative
 * management as a whole failed.
 */
import type { CaseFinding, CourseStatus, Evidence, TreatmentFact } from '../facts/case-schema.js';
import type { DocumentResult, Span } from '../facts/schema.js';
import type { CareReading } from './care.js';
import type { CourseClass, CourseSignal } from './language.js';
import { type CaseDocument, distinctSources } from './merge.js';
import type { CaseReader } from './reading.js';

export interface CourseSentence {
  source: string;
  date: string | null;
  clinic: boolean;
  span: Span;
}

interface Located extends CourseSignal {
  sentence: CourseSentence;
}

const LIST_OR_HEADER = /^[ \t]*(?:[-*•]|\d{1,2}[.)]\s|[A-Z][A-Za-z /]{0,30}:)/;

const SPACE = /\s/;

/** `/\s/` for one UTF-16 unit, without making a string of it for the common ASCII case. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(String.fromCharCode(c));
}

const isStop = (c: number): boolean => c === 46 || c === 33 || c === 63 || c === 59; // . ! ? ;
const CUT_CANDIDATE = /[.!?;\n]/g;

/**
 * Sentences of `text` inside [start, end): ends at . ! ? ; before a space, and at a line end when the
 * line ended a sentence or the next line is blank, a list item or a header. Hard-wrapped prose
 * ("has not\nimproved") stays one sentence.
 */
function splitSentences(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  let s = start;
  const push = (e: number) => {
    let a = s;
    let b = e;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b) });
  };
  // only these characters can end a sentence: jump from one to the next
  CUT_CANDIDATE.lastIndex = start;
  while (CUT_CANDIDATE.test(text)) {
    const i = CUT_CANDIDATE.lastIndex - 1;
    if (i >= end) break;
    const c = text.charCodeAt(i);
    let cut = false;
    if (isStop(c)) cut = i + 1 >= text.length || isSpace(text.charCodeAt(i + 1));
    else if (c === 10) {
      // the previous line, without its trailing blanks: empty, or ending a sentence (or a label)
      const lineEnd = text.lastIndexOf('\n', i - 1);
      let j = i - 1;
      while (j > lineEnd && isSpace(text.charCodeAt(j))) j--;
      cut = j <= lineEnd || isStop(text.charCodeAt(j)) || text.charCodeAt(j) === 58; // :
      if (!cut) {
        const next = text.slice(i + 1, Math.min(end, i + 40));
        cut = next.trim() === '' || /^\s*\n/.test(next) || LIST_OR_HEADER.test(next);
      }
    }
    if (cut) {
      push(c === 10 ? i : i + 1);
      s = i + 1;
    }
  }
  push(end);
  return out;
}

/**
 * Sentences that tell the course. With the document text: every sentence of the course sections.
 * Without it: the sentences of mentions of spine problems and treatments in those sections.
 */
export function courseSentences(
  doc: CaseDocument,
  clinic: boolean,
  sections: readonly string[],
  courseConcepts: ReadonlySet<string>,
): CourseSentence[] {
  const r = doc.result;
  const at = (span: Span): CourseSentence => ({ source: r.source, date: r.date, clinic, span });
  if (doc.text !== undefined) {
    const text = doc.text;
    if (r.sections.length === 0) return splitSentences(text, 0, text.length).map(at);
    const out: CourseSentence[] = [];
    for (const s of r.sections) {
      if (!sections.includes(s.name) && !sections.includes(s.kind)) continue;
      for (const span of splitSentences(text, s.start, s.end)) out.push(at(span));
    }
    return out;
  }
  const seen = new Set<number>();
  const out: CourseSentence[] = [];
  for (const f of r.findings) {
    if (!courseConcepts.has(f.concept) && f.category !== 'treatment') continue;
    for (const m of f.mentions) {
      if (!sections.includes(m.section) || m.assertion === 'hypothetical' || m.assertion === 'family')
        continue;
      if (seen.has(m.sentence.start)) continue;
      seen.add(m.sentence.start);
      out.push(at(m.sentence));
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function signalEvidence(rule: string, s: Located): Evidence {
  const offset = s.sentence.span.start;
  return {
    rule,
    kind: `course:${s.cls === 'notImproving' ? 'not-improving' : s.cls}`,
    source: s.sentence.source,
    date: s.sentence.date,
    span: { start: offset + s.start, end: offset + s.end, text: s.sentence.span.text.slice(s.start, s.end) },
    note: s.sentence.span.text,
  };
}

function docStatus(signals: readonly Located[]): CourseStatus {
  const last = signals[signals.length - 1];
  if (!last) return 'unknown';
  if (last.cls === 'improving') return 'improving';
  return signals.some((s) => s.cls === 'worse') ? 'worse' : 'not-improving';
}

export interface CourseResult {
  status: CourseStatus;
  evidence: Evidence[];
  failedConservative: Evidence[];
}

/**
 * The course is what the latest document with course words says, preferring clinic notes over the
 * indication line of a report; within a document the last course word wins ("helped at first, but
 * the pain has returned").
 */
export function readCourse(sentencesByDoc: readonly CourseSentence[][], read: CaseReader): CourseResult {
  let chosen: Located[] = [];
  let chosenClinic = false;
  const failedConservative: Evidence[] = [];
  for (const sentences of sentencesByDoc) {
    const signals: Located[] = [];
    for (const sentence of sentences) {
      const words = read.words(sentence.source, sentence.span);
      for (const { cls, phrase, start, end } of words.course)
        signals.push({ cls, phrase, start, end, sentence });
      if (words.globalFailure) {
        failedConservative.push({
          rule: 'language.globalFailure',
          kind: 'failed_conservative_statement',
          source: sentence.source,
          date: sentence.date,
          span: sentence.span,
        });
      }
    }
    const clinic = sentences[0]?.clinic ?? false;
    if (signals.length > 0 && (clinic || !chosenClinic)) {
      chosen = signals;
      chosenClinic = clinic;
    }
  }
  return {
    status: docStatus(chosen),
    evidence: chosen.map((s) => signalEvidence('language.course', s)),
    failedConservative,
  };
}

/** Course words of one sentence reduced to a class (last wins), or null when it has none. */
function sentenceCourse(read: CaseReader, source: string, sentence: Span): CourseClass | null {
  const sig = read.course(source, sentence);
  return sig[sig.length - 1]?.cls ?? null;
}

const STATUS_RANK = { tried: 3, ordered: 2, planned: 1 } as const;

/** Treatments of the case: received, ordered or planned, and whether they helped. */
export function readTreatments(
  findings: readonly CaseFinding[],
  read: CaseReader,
  failureConcept: string,
  listSections: readonly string[],
  care: CareReading,
): TreatmentFact[] {
  const failureSentences = new Set<string>();
  for (const f of findings) {
    if (f.concept !== failureConcept) continue;
    for (const m of f.mentions)
      if (m.assertion === 'present') failureSentences.add(`${m.source}\u0000${m.sentence.start}`);
  }
  const out: TreatmentFact[] = [];
  for (const f of findings) {
    if (f.category !== 'treatment' || f.concept === failureConcept) continue;
    let status: TreatmentFact['status'] | null = null;
    let helped: boolean | null = null;
    let listedOnly = true;
    const evidence: Evidence[] = [];
    for (const m of f.mentions) {
      let s: TreatmentFact['status'] | null = null;
      if (m.assertion === 'hypothetical') s = 'planned';
      else if (m.assertion === 'historical') s = 'tried';
      else if (m.assertion === 'present') {
        // With no cue, ongoing care was received, unless a plan names it ("PLAN: Medrol dose pack x 6 days for
        // ongoing pain" is this visit's order; "ESI x2 without relief" there was received).
        s = care.status(m);
      }
      if (s === null) continue;
      if (status === null || STATUS_RANK[s] > STATUS_RANK[status]) status = s;
      if (s !== 'tried') continue;
      if (m.documentType !== 'clinic' || !listSections.includes(m.section)) listedOnly = false;
      evidence.push({
        rule: 'treatment',
        concept: f.concept,
        assertion: m.assertion,
        source: m.source,
        date: m.date,
        span: m.span,
      });
      const cls = sentenceCourse(read, m.source, m.sentence);
      if (failureSentences.has(`${m.source}\u0000${m.sentence.start}`)) helped = false;
      else if (cls !== null) helped = cls === 'improving';
    }
    if (status === null) continue;
    out.push({
      concept: f.concept,
      status,
      helped,
      listedOnly: status === 'tried' && listedOnly,
      sources: distinctSources(f.mentions),
      evidence,
    });
  }
  return out;
}

export function isClinical(doc: DocumentResult, clinicalSections: readonly string[]): boolean {
  if (doc.documentType === 'clinic') return true;
  if (doc.documentType === 'radiology') return false;
  return doc.findings.some(
    (f) =>
      f.mentions.some((m) => clinicalSections.includes(m.section)) || clinicalSections.includes(f.section),
  );
}
