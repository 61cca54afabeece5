/**
 * The clinical course read from the notes: improving, not improving or worse (the extraction does not
 * say this, so the course words of lexicons/guideline.json `language.course` are matched here), which
 * treatments were received and whether they helped, and whether the text says conservative
 * management as a whole failed.
 */
import type { CaseFinding, CourseStatus, Evidence, TreatmentFact } from '../facts/case-schema.js';
import type { DocumentResult, Span } from '../facts/schema.js';
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
      if (!sections.includes(s.name)) continue;
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

/**
 * A clinic note's plan section names the care: with no cue, it is what this visit orders. `orderSections`
 * holds section names ("plan") or finer kinds ("assessment_plan": an "A/P:" header, named assessment).
 */
export function plannedOnly(
  m: { documentType: string; section: string; source: string; span: Span },
  orderSections: readonly string[],
  read: Pick<CaseReader, 'sectionKind'>,
): boolean {
  if (m.documentType !== 'clinic') return false;
  if (orderSections.includes(m.section)) return true;
  const kind = read.sectionKind(m.source, m.span.start);
  return kind !== null && orderSections.includes(kind);
}

// What may stand between a failure and the care it is about when that care follows it: "no improvement with
// PT", "refractory to the NSAIDs", "no relief from 8 weeks of PT", "failed PT".
const FORWARD_GAP_RE =
  /^\s*(?:(?:with|to|from|of|on|after|despite|following)\s+)?(?:(?:the|a|an|his|her|their|prior|previous|recent)\s+)?(?:[\w-]+\s+(?:days?|weeks?|wks?|months?|mos?|years?)\s+of\s+)?$/i;

const mentionKey = (source: string, start: number) => `${source}\u0000${start}`;

// Between two items of one list of care: "PT, NSAIDs and a Medrol dosepak".
const LIST_GAP_RE = /^\s*(?:,\s*(?:(?:and|or|&)\s+)?|(?:and|or|&)\s+)(?:(?:a|an|the)\s+)?$/i;
/** Items a list passes its cue along (a bound for hostile text). */
const LIST_REACH = 12;

type MentionAt = { documentType: string; section: string; source: string; span: Span; sentence: Span };

/**
 * Whether each present treatment mention of a case was received or only ordered at this visit: its own cue,
 * else the cue of the list it continues ("failed 10 weeks of PT, NSAIDs and a Medrol dosepak": all three were
 * received), else where it is written (a plan names this visit's orders, unless a failure is about the care).
 */
export class CareReading {
  /** Treatment spans of each sentence, in text order. */
  private readonly care = new Map<string, Span[]>();
  /** The mentions a failure is about (see failedCare). */
  private readonly failed = new Set<string>();

  constructor(
    findings: readonly CaseFinding[],
    failureConcept: string,
    private readonly read: CaseReader,
    private readonly orderSections: readonly string[],
  ) {
    const failures: { source: string; sentence: Span; span: Span }[] = [];
    for (const f of findings) {
      for (const m of f.mentions) {
        if (m.assertion !== 'present') continue;
        if (f.concept === failureConcept) failures.push(m);
        else if (f.category === 'treatment') {
          const key = mentionKey(m.source, m.sentence.start);
          const list = this.care.get(key);
          if (list) list.push(m.span);
          else this.care.set(key, [m.span]);
        }
      }
    }
    // One entry per place (a phrase may name two concepts), in text order.
    for (const [key, list] of this.care) {
      list.sort((a, b) => a.start - b.start);
      this.care.set(
        key,
        list.filter((t, i) => i === 0 || t.start !== list[i - 1]!.start),
      );
    }
    for (const fail of failures) {
      const spans = this.care.get(mentionKey(fail.source, fail.sentence.start)) ?? [];
      const target = failedCare(fail, spans);
      if (!target) continue;
      // The failure is about the whole list it names: "refractory to PT, NSAIDs and ESI".
      let at = spans.indexOf(target);
      this.failed.add(mentionKey(fail.source, target.start));
      for (let n = 0; at + 1 < spans.length && n < LIST_REACH; n++, at++) {
        const next = spans[at + 1]!;
        const gap = fail.sentence.text.slice(
          spans[at]!.end - fail.sentence.start,
          next.start - fail.sentence.start,
        );
        if (!LIST_GAP_RE.test(gap)) break;
        this.failed.add(mentionKey(fail.source, next.start));
      }
    }
  }

  /** What the mention's own clause, or the list it continues, says of it; null when nothing. */
  cue(m: MentionAt): 'tried' | 'ordered' | null {
    const own = this.read.treatmentCue(m.source, m.sentence, m.span.start - m.sentence.start);
    if (own !== null) return own;
    const spans = this.care.get(mentionKey(m.source, m.sentence.start)) ?? [];
    let at = spans.findIndex((s) => s.start === m.span.start);
    for (let n = 0; at > 0 && n < LIST_REACH; n++, at--) {
      const prev = spans[at - 1]!;
      const gap = m.sentence.text.slice(prev.end - m.sentence.start, spans[at]!.start - m.sentence.start);
      if (!LIST_GAP_RE.test(gap)) return null;
      const cue = this.read.treatmentCue(m.source, m.sentence, prev.start - m.sentence.start);
      if (cue !== null) return cue;
    }
    return null;
  }

  /** Received or ordered: the cue, else ordered where a plan names it with no failure of its own. */
  status(m: MentionAt): 'tried' | 'ordered' {
    const cue = this.cue(m);
    if (cue !== null) return cue;
    return plannedOnly(m, this.orderSections, this.read) &&
      !this.failed.has(mentionKey(m.source, m.span.start))
      ? 'ordered'
      : 'tried';
  }
}

/**
 * The treatment a failure in its sentence is about: the care right after the failure when only a preposition
 * stands between ("no improvement with PT"), else the nearest care before it ("ESI x2 without relief"), else
 * the nearest after it. In "L5-S1 TFESI given no improvement with PT" the failure is PT's, and the injection is
 * still this visit's order.
 */
function failedCare(fail: { sentence: Span; span: Span }, care: readonly Span[]): Span | null {
  let before: Span | null = null;
  let after: Span | null = null;
  for (const t of care) {
    if (t.end <= fail.span.start && (!before || t.end > before.end)) before = t;
    if (t.start >= fail.span.end && (!after || t.start < after.start)) after = t;
  }
  const gap = after
    ? fail.sentence.text.slice(fail.span.end - fail.sentence.start, after.start - fail.sentence.start)
    : '';
  return after && FORWARD_GAP_RE.test(gap) ? after : (before ?? after);
}

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
