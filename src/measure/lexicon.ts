/**
 * The measurement vocabulary (lexicons/measurements.json) and its compiled form. Every word list becomes
 * one alternation regex built once here, so the per-sentence work is a handful of linear scans.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadJson } from '../util/load-json.js';
import { alternation } from '../util/regex.js';
import { Caseless } from './fold.js';
import { type Needles, needlesOf } from './gates.js';

const Words = z.array(z.string().min(1));
const Scale = z.object({ names: Words, acronyms: Words });

export const MeasurementLexicon = z.object({
  version: z.string(),
  numberWords: Words.min(1),
  singularArticles: Words,
  fractions: z.record(z.string(), z.number().positive().max(1)),
  durationUnits: z
    .array(z.object({ unit: z.string(), weeks: z.number().positive(), words: Words.min(1) }))
    .min(1),
  scales: z.object({
    mjoa: Scale,
    joa: Scale,
    nurick: Scale,
    odi: Scale,
    ndi: Scale,
    pain: Scale,
    genant: Scale,
  }),
  scoreSuffixWords: Words,
  painCues: Words,
  painRatingVerbs: Words,
  targetCues: Words,
  targetSectionTitleWords: Words,
  futureCues: Words,
  futureAfterWords: Words,
  pastCues: Words,
  frequencyCues: Words,
  intervalPrepositions: Words,
  postProcedureWords: Words,
  durationLeadWords: Words,
  durationFollowWords: Words,
  anchorFollowWords: Words,
  eventAfterWords: Words,
  forLeadWords: Words,
  startCues: Words,
  resolutionCues: Words,
  onsetCues: Words,
  symptomCues: Words,
  /** A body site that is not the spine, right before a symptom ("shoulder pain x 3 months"). */
  nonSpineSiteWords: Words.default([]),
  /** A body site of the spine or its roots, which keeps a symptom named with another site ("neck and shoulder"). */
  spineSiteWords: Words.default([]),
  treatmentCues: Words,
  weakTreatmentCues: Words,
  therapyBlockers: Words,
  negationCues: Words,
  relativeWords: Words,
  patientSubjectWords: Words,
  ageBlockers: Words,
  objectAgeLeads: Words,
  heightKeys: Words,
  heightGapWords: Words,
  heightBlockers: Words,
  discHeightWords: Words,
  vagueQuantifiers: Words,
  comparators: z.record(z.string(), z.string()),
  /** Units of a drug dose ("600 mg"): a dose next to a duration makes the line a prescription. */
  doseUnits: Words,
  /** Dosing instructions ("as needed", "at bedtime", "dispense") that mark a prescription line. */
  sigCues: Words,
  /** Inline headers of a prescription list ("Rx:", "Discharge medications:"). */
  prescriptionTitleWords: Words,
  /** Results that say a treatment was actually taken ("for 2 weeks without relief"). */
  outcomeCues: Words,
  /** What a treatment gave ("relief", "improvement"): its duration is the benefit's, not a trial's. */
  benefitCues: Words,
  /** Words allowed between a duration and the benefit it measures ("6 weeks of good pain relief"). */
  benefitModifiers: Words,
  /** Words between a count and the counted event ("two mechanical falls", "3 episodes of"). */
  eventCountWords: Words,
  /** Counts written after the event ("fell twice", "falls several times"); "x3" and "3 times" are built in. */
  eventCountAfter: Words,
  /** Future cues that are adjectives before a noun ("scheduled ibuprofen" is taken at set times, now). */
  adjectiveFutureCues: Words,
  /** Words after such a cue that keep it a plan ("scheduled for", "scheduled next week"). */
  futureComplementWords: Words,
  /** Referral verbs: a referral for "N months of <symptom>" states the symptom's history, not a plan. */
  referralCues: Words,
  /** Words that may stand before an age written "67F" / "67M" ("a 67M", "Pt 67F"). */
  ageShorthandLeads: Words,
  /** Devices sized in French ("a 16 F Foley"), which the "67F" age shorthand must not read. */
  ageShorthandBlockers: Words,
});
export type MeasurementLexicon = z.infer<typeof MeasurementLexicon>;

export function loadMeasurementLexicon(lexiconDir: string): MeasurementLexicon {
  return loadJson(join(lexiconDir, 'measurements.json'), MeasurementLexicon);
}

export { alternation };

/**
 * Whole phrases of a word list (no letter or digit directly on either side), matched case-insensitively,
 * except that acronyms written in capitals in the lexicon ("PT", "VAS", "RTC") must match as written, so
 * "pt" (patient) or "vas" (deferens) do not count.
 */
export type Cue = Caseless & { exact: Set<string>; lowerExact: Set<string> };

const ACRONYM_RE = /^[A-Z][A-Z0-9/&-]*(?:'?s)?$/;

export function phraseRegex(words: readonly string[]): Cue {
  const exact = new Set(words.filter((w) => w.length >= 2 && ACRONYM_RE.test(w)));
  // Every phrase starting with a letter or a digit, the lookbehind passes where a word starts (Caseless).
  const wordLed = words.every((w) => /^[a-z0-9]/i.test(w));
  return cue(`(?<![\\p{L}\\d])(?:${alternation(words)})(?![\\p{L}\\d])`, exact, wordLed);
}

function cue(source: string, exact: Set<string>, wordLed = false): Cue {
  return Object.assign(new Caseless(source, 'giu', wordLed), {
    exact,
    lowerExact: new Set([...exact].map((w) => w.toLowerCase())),
  });
}

/** Does a matched phrase respect the acronym case rule of its cue? */
export function caseOk(cue: Cue, text: string): boolean {
  return !cue.lowerExact.has(text.toLowerCase()) || cue.exact.has(text);
}

export interface CompiledLexicon {
  lex: MeasurementLexicon;
  numberWordSrc: string;
  /** Any number word, even inside a word: where none occurs, patterns are run without their number words. */
  numberWordNeedles: Needles;
  /**
   * The first words of the number words, lower-case, none a prefix of another (see `mayHoldNumberWord`); null
   * when one is not ASCII.
   */
  numberWordStarts: readonly string[] | null;
  unitSrc: string;
  unitOf: Map<string, { unit: string; weeks: number }>;
  scales: Record<keyof MeasurementLexicon['scales'], Cue>;
  /** Any scale's name, anywhere: most sentences name none, and one alternation is cheaper than six scans. */
  scaleGate: Caseless;
  scoreSuffix: Set<string>;
  painCue: Cue;
  painVerb: Cue;
  target: Cue;
  targetTitle: Cue;
  future: Cue;
  futureAfter: Caseless;
  past: Cue;
  frequency: Cue;
  intervalBefore: Caseless;
  postProcedureAfter: Caseless;
  leadWords: Set<string>;
  followAfter: Caseless;
  anchorAfter: Caseless;
  eventAfter: Caseless;
  forLead: Set<string>;
  start: Cue;
  resolution: Cue;
  onset: Cue;
  symptom: Cue;
  nonSpineSite: ReadonlySet<string>;
  spineSite: ReadonlySet<string>;
  treatment: Cue;
  weakTreatment: Cue;
  therapyBlocker: Caseless;
  negation: Cue;
  relative: Cue;
  patientSubject: Cue;
  ageBlockerBefore: Caseless;
  objectAgeBefore: Caseless;
  heightKey: Cue;
  heightGap: Set<string>;
  heightBlocker: Cue;
  discBefore: Caseless;
  vague: Cue;
  comparatorBefore: Caseless;
  dose: Caseless;
  sig: Cue;
  prescriptionTitle: Cue;
  prescriptionHeader: Caseless;
  outcome: Cue;
  benefit: Cue;
  benefitAfter: Caseless;
  countedBefore: Caseless;
  countedAfter: Caseless;
  referral: Set<string>;
  adjectiveFuture: Set<string>;
  /** Starts with a word that makes an adjective future cue an adjective: any word but a complement. */
  adjectiveAfter: Caseless;
  ageShorthandBefore: Caseless;
  ageShorthandBlocker: Cue;
}

function compileScale(s: { names: string[]; acronyms: string[] }): Cue {
  const cue = phraseRegex([...s.names, ...s.acronyms]);
  // Every listed acronym spelling is allowed as written, whatever its case ("mJOA", "mjoa").
  for (const a of s.acronyms) cue.exact.add(a);
  for (const a of s.acronyms) cue.lowerExact.add(a.toLowerCase());
  return cue;
}

function firstWords(phrases: readonly string[]): string[] | null {
  const words = phrases.map((p) => p.trim().split(/\s+/)[0]!.toLowerCase());
  if (words.some((w) => w === '' || !/^[\x21-\x7e]+$/.test(w))) return null;
  return [...new Set(words)].filter((w) => !words.some((o) => o !== w && w.startsWith(o)));
}

export function compileLexicon(lex: MeasurementLexicon): CompiledLexicon {
  const unitOf = new Map<string, { unit: string; weeks: number }>();
  for (const u of lex.durationUnits) for (const w of u.words) unitOf.set(w.toLowerCase(), u);
  const endAnchored = (words: string[]) =>
    new Caseless(`(?<![\\p{L}\\d])(?:${alternation(words)})[\\s,:-]*$`, 'iu');
  const units = alternation([...unitOf.keys()]);
  const startAnchored = (words: string[]) =>
    new Caseless(`^[\\s,-]*(?:${alternation(words)})(?![\\p{L}\\d])`, 'iu');
  return {
    lex,
    numberWordSrc: alternation(lex.numberWords),
    numberWordNeedles: needlesOf(lex.numberWords),
    numberWordStarts: firstWords(lex.numberWords),
    unitSrc: alternation([...unitOf.keys()]),
    unitOf,
    scales: {
      mjoa: compileScale(lex.scales.mjoa),
      joa: compileScale(lex.scales.joa),
      nurick: compileScale(lex.scales.nurick),
      odi: compileScale(lex.scales.odi),
      ndi: compileScale(lex.scales.ndi),
      pain: compileScale(lex.scales.pain),
      genant: compileScale(lex.scales.genant),
    },
    scaleGate: new Caseless(
      alternation(Object.values(lex.scales).flatMap((s) => [...s.names, ...s.acronyms])),
      'iu',
    ),
    scoreSuffix: new Set(lex.scoreSuffixWords.map((w) => w.toLowerCase())),
    painCue: phraseRegex(lex.painCues),
    painVerb: phraseRegex(lex.painRatingVerbs),
    target: phraseRegex(lex.targetCues),
    targetTitle: phraseRegex(lex.targetSectionTitleWords),
    future: phraseRegex(lex.futureCues),
    futureAfter: startAnchored(lex.futureAfterWords),
    past: phraseRegex(lex.pastCues),
    frequency: cue(`(?:${alternation(lex.frequencyCues)})(?![\\p{L}\\d])`, new Set()),
    intervalBefore: new Caseless(
      `(?<![\\p{L}\\d])(?:${alternation(lex.intervalPrepositions)})(?:\\s+(?:${alternation(Object.keys(lex.comparators))}))?[\\s,:-]*$`,
      'iu',
    ),
    postProcedureAfter: startAnchored(lex.postProcedureWords),
    leadWords: new Set(lex.durationLeadWords.map((w) => w.toLowerCase())),
    followAfter: startAnchored([...lex.durationFollowWords, ...lex.anchorFollowWords]),
    anchorAfter: startAnchored(lex.anchorFollowWords),
    eventAfter: startAnchored(lex.eventAfterWords),
    forLead: new Set(lex.forLeadWords.map((w) => w.toLowerCase())),
    start: phraseRegex(lex.startCues),
    resolution: phraseRegex(lex.resolutionCues),
    onset: phraseRegex(lex.onsetCues),
    symptom: phraseRegex(lex.symptomCues),
    nonSpineSite: new Set(lex.nonSpineSiteWords.map((w) => w.toLowerCase())),
    spineSite: new Set(lex.spineSiteWords.map((w) => w.toLowerCase())),
    treatment: phraseRegex(lex.treatmentCues),
    weakTreatment: phraseRegex(lex.weakTreatmentCues),
    therapyBlocker: endAnchored(lex.therapyBlockers),
    negation: phraseRegex(lex.negationCues),
    relative: phraseRegex(lex.relativeWords),
    patientSubject: phraseRegex(lex.patientSubjectWords),
    ageBlockerBefore: new Caseless(
      `(?<![\\p{L}\\d])(?:${alternation(lex.ageBlockers)})(?:\\s+(?:the|an?|${alternation(Object.keys(lex.comparators))}))?\\s*$`,
      'iu',
    ),
    objectAgeBefore: new Caseless(`(?<![\\p{L}\\d])(?:${alternation(lex.objectAgeLeads)})\\s*$`, 'iu'),
    heightKey: phraseRegex(lex.heightKeys),
    heightGap: new Set(lex.heightGapWords.map((w) => w.toLowerCase())),
    heightBlocker: phraseRegex(lex.heightBlockers),
    discBefore: endAnchored(lex.discHeightWords),
    vague: phraseRegex(lex.vagueQuantifiers),
    comparatorBefore: new Caseless(
      `(?<![\\p{L}\\d])(?:${alternation(Object.keys(lex.comparators))})\\s*$`,
      'iu',
    ),
    // "600 mg", "2 tabs", "every 6 hours", "q6h", "q4-6h": only prescriptions are written like this.
    dose: new Caseless(
      `(?<![\\p{L}\\d])(?:\\d+(?:[.,]\\d+)?\\s?(?:${alternation(lex.doseUnits)})|every\\s\\d{1,2}(?:\\s?-\\s?\\d{1,2})?\\s?(?:hours?|hrs?|h)|q\\s?\\d{1,2}(?:-\\d{1,2})?\\s?(?:hours?|hrs?|h))(?![\\p{L}\\d])`,
      'iu',
    ),
    sig: phraseRegex(lex.sigCues),
    prescriptionTitle: phraseRegex(lex.prescriptionTitleWords),
    // The same title written inline, inside the sentence ("Discharge medications: Celebrex for 10 days").
    prescriptionHeader: new Caseless(
      `(?<![\\p{L}])(?:${alternation(lex.prescriptionTitleWords)})\\s?:`,
      'iu',
    ),
    outcome: phraseRegex(lex.outcomeCues),
    benefit: phraseRegex(lex.benefitCues),
    // "six months of relief", "3 weeks of 80% relief", "2 months of good pain relief".
    benefitAfter: new Caseless(
      `^\\s+of\\s+(?:(?:${alternation(lex.benefitModifiers)}|\\d{1,3}\\s?(?:%|percent))[\\s-]+){0,3}(?:${alternation(lex.benefitCues)})(?![\\p{L}])`,
      'iu',
    ),
    // "two falls", "3 separate falls", "several episodes of urinary incontinence" (not a score: "7/10 pain";
    // not a duration: "2 weeks numbness").
    countedBefore: new Caseless(
      `(?<![\\p{L}\\d/.,])(?:\\d{1,3}|${alternation([...lex.numberWords, ...lex.vagueQuantifiers])}|a\\s+few|a\\s+couple(?:\\s+of)?)(?:[\\s-]+(?:${alternation(lex.eventCountWords)})(?:\\s+of)?){0,2}(?:\\s+(?!(?:${units})(?![\\p{L}]))[\\p{L}-]+)?\\s+$`,
      'iu',
    ),
    // "falls x2", "fell twice", "3 times" (but "pain x 3 months" is a duration).
    countedAfter: new Caseless(
      `^\\s*(?:(?:x|\u00d7)\\s?\\d{1,2}|(?:\\d{1,2}|${alternation(lex.numberWords)})\\s+times|${alternation(lex.eventCountAfter)})(?![\\p{L}\\d])(?!\\s*-?\\s*(?:${units})(?![\\p{L}]))`,
      'iu',
    ),
    referral: new Set(lex.referralCues.map((w) => w.toLowerCase())),
    adjectiveFuture: new Set(lex.adjectiveFutureCues.map((w) => w.toLowerCase())),
    adjectiveAfter: new Caseless(
      `^\\s+(?!(?:${alternation(lex.futureComplementWords)})(?![\\p{L}]))\\p{L}`,
      'iu',
    ),
    ageShorthandBlocker: phraseRegex(lex.ageShorthandBlockers),
    ageShorthandBefore: new Caseless(
      `(?:^|(?<![\\p{L}\\d])(?:${alternation(lex.ageShorthandLeads)}))[\\s:,(-]*$`,
      'iu',
    ),
  };
}
