/**
 * Durations ("for 3 months", "x 2 weeks", "10-day history", "over the past year", "6 weeks of PT"), and the
 * patterns of ages (ages.ts), which share their numbers and units.
 *
 * A duration is kept only when the words around it make it a statement about this patient's past:
 * - it is introduced as a duration ("for", "x", "since", "over the past", "N months of", "N-week history",
 *   "N weeks ago" after an onset verb), not any "6 weeks" in the text;
 * - it is not an interval ("in 6 weeks", "every 6 weeks"), a plan or follow-up ("RTC 6 weeks", "will start PT
 *   for 6 weeks", "PT 2x/week for 6 weeks" with nothing saying it was done), time since surgery or a
 *   pregnancy ("6 weeks post-op", "39 weeks gestation"), nor a relative's;
 * - the nearest cue decides its kind: a conservative treatment (PT, NSAIDs, injections, "conservative care")
 *   makes it `conservative_duration_weeks`, a symptom ("back pain", "numbness") `symptom_duration_weeks`;
 *   with neither it is dropped. A negated symptom ("pain-free for 3 months") gives nothing.
 * A range keeps its lower end ("for 4-6 weeks" → 4): only that much time has certainly passed, and the
 * 6-week rule must not fire on a guess.
 */
import { datedSpans, START_VERBS } from './calendar.js';
import {
  clauseEnd,
  clauseStart,
  type Found,
  firstIn,
  type Hit,
  isAboutRelative,
  lastIn,
  lastWord,
  matchesIn,
  type SentenceView,
} from './context.js';
import { isBenefitDuration, isCountedEvent, lastFuture } from './exclusions.js';
import { Caseless } from './fold.js';
import {
  mayHold,
  type Needles,
  needles,
  needlesAtEnd,
  onView,
  type Worded,
  worded,
  wordedPatterns,
} from './gates.js';
import type { CompiledLexicon } from './lexicon.js';
import { parseNumberPhrase, round1 } from './numbers.js';

export interface DurationPatterns {
  duration: Worded;
  pastUnit: Caseless;
  ageOld: Worded;
  ageYo: Caseless;
  ageLabel: Caseless;
  ageSex: RegExp;
  /** Needles (see `mayHold`) of the patterns named: most sentences hold none. */
  unitNeedles: Needles;
  pastNeedles: Needles;
  oldNeedles: Needles;
  yoNeedles: Needles;
  labelNeedles: Needles;
}

export function compileDurationPatterns(lex: CompiledLexicon): DurationPatterns {
  const nw = lex.numberWordSrc;
  // An article is a number only alone ("a year", "a half"); "a four-month history" is the word four.
  const article = 'an?(?:[- ]half)?';
  const wordNum = `(?:(?:${nw})(?:(?:[- ]|\\s+and\\s+(?:an?\\s+|one\\s+)?)(?:${nw}|half)){0,3}|${article})`;
  const digNum = `\\d{1,3}(?:[.,]\\d{1,2})?(?:[- ]1\\/2)?`;
  // "x2 months" is a duration although a letter touches the number.
  const numStart = `(?:(?<![\\p{L}\\d.,/])|(?<=(?<![\\p{L}])[x×]))`;
  const duration = (words: string) => {
    const num = `(?:${digNum}|${words})`;
    return `${numStart}(?<n1>${num})(?:\\s?(?:-|–|to|or)\\s?(?<n2>${num}))?[- ]?(?<unit>${lex.unitSrc})(?![\\p{L}])(?<half>\\s+and\\s+a\\s+half)?`;
  };
  const ageOld = (words: string) =>
    `(?<![\\p{L}\\d.,/])(?<n>${digNum}|${words})[- ]?(?<unit>years?|yrs?|yr|months?|mos?|weeks?|wks?|days?)[- ](?:old|of\\s+age)(?![\\p{L}])`;
  return {
    duration: wordedPatterns(duration(wordNum), duration(article), 'gu'),
    // "over the past year", "in the last month" (a time point such as "the last week of May" is not one).
    pastUnit: new Caseless(
      String.raw`(?<![\p{L}])(?:for|over|in|during|within|throughout)\s+the\s+(?:past|last)\s+(?<unit>day|week|month|year)(?![\p{L}])(?<half>\s+and\s+a\s+half)?(?!\s+of\s)`,
      'giu',
    ),
    ageOld: wordedPatterns(ageOld(wordNum), ageOld(article), 'gu'),
    ageYo: new Caseless(
      String.raw`(?<![\p{L}\d.,/])(?<n>\d{1,3})[\s-]?(?:yo|y\/o|y\.o\.?|yoa)(?:\s?[FM](?![\p{L}\d]))?(?![\p{L}])`,
      'giu',
    ),
    // "67F", "67 M", "45/F": capitals only, so "5 m" (metres) or "10f" never count; the words before it are
    // checked too, since "99F" after "Temp" is a temperature.
    ageSex: /(?<![\p{L}\d.,/:-])(?<n>\d{1,3})(?:\s?\/\s?|\s)?[FM](?![\p{L}\d]|\.\d)/gu,
    // A unit ends a run of letters (it may follow a number word without a space: "twoweeks").
    unitNeedles: needlesAtEnd([...lex.unitOf.keys()]),
    pastNeedles: needles(['past', 'last']),
    oldNeedles: needles(['old', 'age']),
    yoNeedles: needles(['yo', 'y/o', 'y.o']),
    labelNeedles: needles(['age']),
    ageLabel: new Caseless(
      String.raw`(?<![\p{L}])(?<lbl>age|aged)\s?(?:[:=]|\s(?:is|of))?\s?(?<n>\d{1,3})(?!\d|[.,]\d|\s?(?:%|percent|mm|cm|kg|lbs?|weeks?|wks?|months?|mos?|days?|years?\s+(?:ago|earlier|prior|before)))`,
      'giu',
    ),
  };
}

const OF_RE = /^\s*(?:of|in)\s/i;
const AGO_RE = /^\s*ago(?![\p{L}])/iu;
const ONSET_AFTER_RE = /^\s*(?:prior\s+to|before)\s+(?:the\s+)?(?:onset|start|beginning)/i;
const HISTORY_AFTER_RE = /^[- ]?(?:history|hx|h\/o)(?![\p{L}])/iu;
const AFTER_CUT_RE = /[,;]|(?<![\p{L}])(?:and|then|but)(?![\p{L}])/iu;
const WEAK_REACH = 30;
const PLAN_KINDS = new Set(['plan', 'assessment_plan', 'return_precautions']);
const HISTORY_KINDS = new Set(['hpi', 'past_history', 'indication', 'social_history']);
const MEDICATION_KINDS = new Set(['medications']);

interface Candidate {
  start: number;
  numStart: number;
  end: number;
  value: number;
  unit: { unit: string; weeks: number };
  /** Introduced by the words before it already ("started PT on May 6": a start date, not a number). */
  introduced?: boolean;
  /** Only the length of a treatment: two past dates bound an episode, not the present symptoms. */
  careOnly?: boolean;
}

// "Solu-Medrol" is not "Medrol": a cue glued to a word by a hyphen is part of another name.
const COMPOUND_BEFORE_RE = /\p{L}-$/u;

/**
 * Conservative-treatment cues in text[from, to). A weak cue ("therapy", "medications") counts only when it
 * is not qualified as something else ("radiation therapy", "blood pressure medication") and the sentence
 * is about symptoms or names a real conservative treatment.
 */
function treatmentHits(
  lex: CompiledLexicon,
  text: string,
  from: number,
  to: number,
  near?: Candidate,
): Hit[] {
  const glued = (h: Hit) => COMPOUND_BEFORE_RE.test(text.slice(Math.max(0, h.start - 2), h.start));
  const strong = matchesIn(lex.treatment, text, from, to).filter((h) => !glued(h));
  let weak = matchesIn(lex.weakTreatment, text, from, to).filter(
    (h) =>
      !glued(h) &&
      !lex.therapyBlocker.test(text.slice(Math.max(0, h.start - 30), h.start)) &&
      // A weak word far from the number is rarely what lasted ("her medication regimen, simplified over the past year").
      (!near || (h.end <= near.numStart ? near.numStart - h.end : h.start - near.end) <= WEAK_REACH),
  );
  if (weak.length) {
    const [a, b] = [Math.max(0, from - 200), to + 200];
    if (!firstIn(lex.symptom, text, a, b) && !firstIn(lex.treatment, text, a, b)) weak = [];
  }
  return [...strong, ...weak];
}

/** Extend the span back over the words that introduce the duration ("for the past", "x", "since"). */
function leadStart(lex: CompiledLexicon, text: string, numStart: number, floor: number): number {
  let s = numStart;
  for (let i = 0; i < 4; i++) {
    const w = lastWord(text, Math.max(floor, s - 20), s);
    if (!w || !lex.leadWords.has(w.word.toLowerCase())) break;
    s = w.start;
  }
  // Never start the span on "of" or an article.
  const head = /^(?:of|a|an|the|some)\s+/i.exec(text.slice(s, numStart));
  if (head && s < numStart) s += head[0].length;
  return s;
}

function classify(lex: CompiledLexicon, text: string, c: Candidate, cs: number, ce: number) {
  const { numStart, end } = c;
  let symptom: Hit | null = null;
  let treatment: Hit | null = null;
  let viaOf = false;
  if (OF_RE.test(text.slice(end, end + 5))) {
    viaOf = true;
    const to = Math.min(ce, end + 45);
    const s = firstIn(lex.symptom, text, end, to);
    const t = treatmentHits(lex, text, end, to).sort((a, b) => a.start - b.start)[0] ?? null;
    if (t && (!s || t.start < s.start)) treatment = t;
    else if (s) symptom = s;
  }
  if (!symptom && !treatment) {
    viaOf = false;
    const bFrom = Math.max(cs, numStart - 90);
    const aTo = Math.min(ce, end + 80);
    const dist = (h: Hit) => (h.end <= numStart ? numStart - h.end : h.start - end);
    const nearest = (hits: Hit[]) => hits.sort((a, b) => dist(a) - dist(b))[0] ?? null;
    const s = nearest([
      ...matchesIn(lex.symptom, text, bFrom, numStart),
      ...matchesIn(lex.symptom, text, end, aTo),
    ]);
    const t = nearest([
      ...treatmentHits(lex, text, bFrom, numStart, c),
      ...treatmentHits(lex, text, end, aTo, c),
    ]);
    if (t && (!s || dist(t) < dist(s))) treatment = t;
    else if (s) symptom = s;
  }
  return { symptom, treatment, viaOf };
}

/** End of a run of cue words ("radicular leg pain", "physical therapy and NSAIDs") starting at `hit`. */
function cueRunEnd(lex: CompiledLexicon, text: string, hit: Hit, ce: number): number {
  let end = hit.end;
  const more = [...matchesIn(lex.symptom, text, end, ce), ...treatmentHits(lex, text, end, ce)].sort(
    (a, b) => a.start - b.start,
  );
  for (const h of more) {
    if (h.start < end) continue;
    // "radicular leg pain", "PT and NSAIDs" continue; "pain radiating" (nothing between) starts a new phrase.
    const gap = text.slice(end, h.start);
    if (!/^[\s\p{L}]{0,8}$/u.test(gap) || !/\p{L}/u.test(gap)) break;
    end = h.end;
  }
  return end;
}

function negatedSymptom(lex: CompiledLexicon, text: string, symptom: Hit, cs: number): boolean {
  const neg = lastIn(lex.negation, text, Math.max(cs, symptom.start - 20), symptom.start);
  if (neg) return true;
  return /^[- ]?(?:free|resolved)(?![\p{L}])/iu.test(text.slice(symptom.end, symptom.end + 10));
}

/**
 * The words right before the symptom name a body site that is not the spine ("right shoulder pain"), and
 * none that is ("neck and shoulder stiffness").
 */
function atNonSpineSite(lex: CompiledLexicon, text: string, symptom: Hit, cs: number): boolean {
  let at = symptom.start;
  let other = false;
  for (let i = 0; i < 4; i++) {
    const w = lastWord(text, Math.max(cs, at - 30), at);
    if (!w || !/^[\s-]*$/.test(text.slice(w.start + w.word.length, at))) break;
    const word = w.word.toLowerCase();
    if (lex.spineSite.has(word)) return false;
    if (i < 2 && lex.nonSpineSite.has(word)) other = true;
    at = w.start;
  }
  return other;
}

function prevWord(text: string, at: number): string {
  return lastWord(text, Math.max(0, at - 30), at)?.word.toLowerCase() ?? '';
}

function introduced(lex: CompiledLexicon, text: string, c: Candidate, after: string): boolean {
  if (c.introduced) return true;
  if (lex.leadWords.has(prevWord(text, c.numStart))) return true;
  if (lex.followAfter.test(after)) return true;
  // "back pain, 3 months", "neck pain x2 weeks": the symptom names it directly.
  const sym = lastIn(lex.symptom, text, Math.max(0, c.numStart - 25), c.numStart);
  return sym !== null && /^[\s,:-]*$/.test(text.slice(sym.end, c.numStart));
}

function judge(lex: CompiledLexicon, view: SentenceView, c: Candidate, out: Found[]): void {
  const text = view.text;
  const after = text.slice(c.end, c.end + 30);
  if (
    /^[- ]old(?![\p{L}])/iu.test(after) ||
    lex.postProcedureAfter.test(after) ||
    lex.futureAfter.test(after)
  )
    return;
  // "in 3 weeks" is a time ahead; "began in March" (a start-dated candidate, `introduced`) is not.
  if (!c.introduced && lex.intervalBefore.test(text.slice(Math.max(0, c.numStart - 30), c.numStart))) return;
  if (!introduced(lex, text, c, after)) return;
  if (isAboutRelative(lex, text, c.numStart, c.end)) return;
  // "1 month after her stroke" is a moment, unless introduced as a duration ("for 3 months after a fall").
  // A start date is no moment after an event: "began March 1 after lifting" runs from March 1.
  if (!c.introduced && lex.eventAfter.test(after) && !lex.forLead.has(prevWord(text, c.numStart))) return;

  const cs = clauseStart(text, c.numStart, Math.max(0, c.numStart - 150));
  const ce = clauseEnd(text, c.end);
  // "gave him six months of relief": how long a treatment helped, neither a trial nor a symptom.
  if (isBenefitDuration(lex, text, c.start, c.end, cs)) return;
  // "3 weeks ago", "2 weeks prior to presentation": a moment; it measures a duration only from an onset
  // ("pain began 3 weeks ago"), never up to one ("10 days prior to the onset").
  const ago = lex.anchorAfter.test(after);
  // "for two months prior to presentation" is a duration that ends at a moment: no onset needed.
  if (ago && !lex.forLead.has(prevWord(text, c.numStart))) {
    if (ONSET_AFTER_RE.test(after)) return;
    if (!firstIn(lex.onset, text, cs, ce)) return;
  }

  const wFrom = Math.max(cs, c.numStart - 80);
  const fut = lastFuture(lex, text, wFrom, c.numStart);
  const past = lastIn(lex.past, text, wFrom, c.numStart);
  // "was prescribed naproxen for 2 weeks without relief": the outcome says it was taken, whatever the verb.
  const outcome = firstIn(lex.outcome, text, c.end, Math.min(ce, c.end + 40));
  const tried = outcome !== null && !firstIn(lex.future, text, c.end, outcome.start);
  const { symptom, treatment, viaOf } = classify(lex, text, c, cs, ce);
  // "referred for 8 months of hand clumsiness": the referral is for a symptom with that history.
  const reason = viaOf && symptom !== null && fut !== null && lex.referral.has(fut.text.toLowerCase());
  if (fut && (!past || fut.end > past.end) && !tried && !reason) return;
  // "PT 2x/week for 6 weeks" is a prescription unless the note says it was done, or it sits in the history.
  const pastAfter = firstIn(lex.past, text, c.end, Math.min(ce, c.end + 40));
  if (
    !past &&
    !pastAfter &&
    !HISTORY_KINDS.has(view.sectionKind) &&
    lastIn(lex.frequency, text, Math.max(cs, c.numStart - 40), c.numStart)
  )
    return;

  let kind: Found['kind'];
  if (treatment) {
    const cut = AFTER_CUT_RE.exec(text.slice(c.end, ce));
    const tail = cut ? c.end + cut.index : ce;
    if (firstIn(lex.future, text, c.end, Math.min(tail, c.end + 40)) && !past) return;
    if (PLAN_KINDS.has(view.sectionKind) && !past && !pastAfter && !ago) return;
    // "ibuprofen 600 mg every 6 hours for 5 days" is how long to take it, not how long it was tried.
    if (
      !past &&
      !pastAfter &&
      !ago &&
      isPrescription(lex, view, text, Math.max(cs, c.numStart - 80), c.numStart)
    )
      return;
    // "had an ESI 2 months ago" dates one treatment; "started PT 3 weeks ago" measures how long it has run.
    if (ago && !firstIn(lex.start, text, cs, ce)) return;
    kind = 'conservative_duration_weeks';
  } else if (symptom && !c.careOnly) {
    if (negatedSymptom(lex, text, symptom, cs)) return;
    // "Right shoulder pain x 3 months": how long another part of the body has hurt.
    if (atNonSpineSite(lex, text, symptom, cs)) return;
    // "two falls in the past month" counts events in a window; it is not how long a symptom has lasted.
    if (isCountedEvent(lex, text, symptom)) return;
    // "symptoms resolved over the last month" measures the recovery.
    const [a, b] = symptom.end <= c.numStart ? [symptom.end, c.numStart] : [c.end, symptom.start];
    if (firstIn(lex.resolution, text, a, b)) return;
    kind = 'symptom_duration_weeks';
  } else {
    return;
  }
  let end = c.end;
  const tail = AGO_RE.exec(after) ?? HISTORY_AFTER_RE.exec(after);
  if (tail) end += tail[0].length;
  // "6 weeks of physical therapy", "3 months of low back pain": the span names what lasted.
  if (viaOf) end = Math.max(end, cueRunEnd(lex, text, (treatment ?? symptom)!, ce));
  out.push({
    kind,
    value: round1(c.value * c.unit.weeks),
    unit: 'weeks',
    raw: c.value,
    rawUnit: c.unit.unit,
    start: c.start,
    end,
  });
}

/** A medication list or a line written as a prescription (a dose, a dosing interval or a sig phrase). */
function isPrescription(
  lex: CompiledLexicon,
  view: SentenceView,
  text: string,
  from: number,
  to: number,
): boolean {
  if (MEDICATION_KINDS.has(view.sectionKind)) return true;
  const title = view.headerTitle;
  if (title && firstIn(lex.prescriptionTitle, title, 0, title.length)) return true;
  if (lex.prescriptionHeader.test(text.slice(Math.max(0, to - 200), to))) return true;
  return lex.dose.test(text.slice(from, to)) || firstIn(lex.sig, text, from, to) !== null;
}

export function extractDurations(
  lex: CompiledLexicon,
  pat: DurationPatterns,
  view: SentenceView,
  out: Found[],
): void {
  const text = view.text;
  if (mayHold(view, pat.unitNeedles)) {
    // On the folded text the groups come lower-cased: each is read case-insensitively.
    const { re, on } = worded(lex, view, pat.duration);
    re.lastIndex = 0;
    for (let m = re.exec(on); m !== null; m = re.exec(on)) {
      const g = m.groups!;
      const unit = lex.unitOf.get(g.unit!.toLowerCase());
      const n1 = parseNumberPhrase(g.n1!, lex);
      const n2 = g.n2 !== undefined ? parseNumberPhrase(g.n2, lex) : null;
      if (!unit || n1 === null || (g.n2 !== undefined && n2 === null)) continue;
      let value = n2 !== null ? Math.min(n1, n2) : n1;
      if (g.half) value += 0.5;
      if (value <= 0) continue;
      const numStart = m.index;
      const end = m.index + m[0].length;
      judge(lex, view, { start: leadStart(lex, text, numStart, 0), numStart, end, value, unit }, out);
    }
  }
  if (view.documentDate) dated(lex, view, view.documentDate, out);
  if (mayHold(view, pat.pastNeedles)) {
    const { re, on } = onView(pat.pastUnit, view);
    re.lastIndex = 0;
    for (let m = re.exec(on); m !== null; m = re.exec(on)) {
      const unit = lex.unitOf.get(m.groups!.unit!.toLowerCase());
      if (!unit) continue;
      const end = m.index + m[0].length;
      // The unit word stands where the number would ("over the past year" = 1 year).
      const numStart = end - (m.groups!.half?.length ?? 0) - m.groups!.unit!.length;
      const value = m.groups!.half ? 1.5 : 1;
      judge(lex, view, { start: m.index, numStart, end, value, unit }, out);
    }
  }
}

/**
 * "Low back pain since March 1, 2024" in a note dated 2024-06-15: 15.3 weeks, judged as any other duration;
 * "PT from 1/31/2025 to 3/28/2025": 8.1 weeks. "On <date>" (or "in <month>") counts only after a start cue in
 * its clause ("started physical therapy on May 6", "pain that began in early March"): it dates a start, and
 * the time since is how long the care has run; "seen on May 6" dates nothing that lasts. A range measures
 * care only: symptoms between two past dates were an episode, not how long the present ones have lasted.
 */
function dated(lex: CompiledLexicon, view: SentenceView, documentDate: string, out: Found[]): void {
  for (const span of datedSpans(view.text, documentDate)) {
    if (
      !span.range &&
      span.lead !== 'since' &&
      !START_VERBS.has(span.lead) &&
      !lastIn(
        lex.start,
        view.text,
        clauseStart(view.text, span.start, Math.max(0, span.start - 80)),
        span.start,
      )
    )
      continue;
    const { start, numStart, end, weeks } = span;
    judge(
      lex,
      view,
      {
        start,
        numStart,
        end,
        value: weeks,
        unit: WEEK,
        introduced: span.lead !== 'since',
        careOnly: span.range,
      },
      out,
    );
  }
}

const WEEK = { unit: 'weeks', weeks: 1 };
