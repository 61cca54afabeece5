/**
 * The word lists the case stage needs beyond what extraction gives it: whether a problem is
 * improving or worse, whether a treatment was received or only ordered, whether a note cites MRI
 * results, and whether the text says conservative management as a whole failed. The lists live in
 * lexicons/guideline.json (`language`); this module validates and compiles them once.
 */
import { z } from 'zod';
import { type Token, tokenize } from '../text/tokenize.js';
import { isClauseBreak, type PhraseHit, PhraseMatcher, PhraseScanner } from './phrases.js';
import { scoreChange } from './score-change.js';

export const LanguageSpec = z
  .object({
    course: z.object({
      improving: z.array(z.string()).describe('Phrases saying the problem is getting better.'),
      notImproving: z
        .array(z.string())
        .describe('Phrases saying it is not getting better (persisting, no relief).'),
      worse: z.array(z.string()).describe('Phrases saying it is getting worse or progressing.'),
      neutral: z
        .array(z.string())
        .describe(
          'Phrases that look like course words but are not ("worse with sitting"): matched and ignored.',
        ),
      negators: z
        .array(z.string())
        .describe('Words that turn a following course word around ("not improving").'),
      denials: z
        .array(z.string())
        .default([])
        .describe(
          'Negators that deny a finding rather than a change: after them a worse word tells no course ("no progressive weakness", "denies new numbness"), where "has not worsened" says the problem persists.',
        ),
      negationWindow: z.number().int().min(0).max(6),
      scoreLinks: z
        .object({
          earlier: z.array(z.string()),
          later: z.array(z.string()),
          minPoints: z.number().positive(),
        })
        .default({ earlier: [], later: [], minPoints: 2 })
        .describe(
          'Words that order two pain scores of one sentence in time ("2/10 now vs 7/10", "from 8/10 to 3/10"), and the fall that is improvement.',
        ),
    }),
    conditional: z
      .array(z.string())
      .describe(
        'Words that make a sentence conditional ("if", "should"), so its course words are not the course.',
      ),
    pastEpisode: z
      .array(z.string())
      .default([])
      .describe(
        'Words that open a sentence about an earlier episode ("Prior CES, fully resolved"), so its course words are not the course; "prior to" is a time, not an episode.',
      ),
    treatmentTried: z.array(z.string()).describe('Cues that a treatment was received or is in use.'),
    treatmentOrdered: z.array(z.string()).describe('Cues that a treatment was only prescribed or referred.'),
    treatmentTriedJustBefore: z
      .array(z.string())
      .default([])
      .describe(
        'Cues that a treatment was received when at most two words stand between them and it ("better since her injection"); elsewhere they mean something else ("since symptoms persist").',
      ),
    pastTime: z
      .array(z.string())
      .describe('Past-time words that make a treatment received even after "referred".'),
    mri: z.array(z.string()).describe('Words naming MRI, to see MRI results cited in a note.'),
    spineWords: z
      .array(z.string())
      .describe(
        'Words that show an imaging report is about the spine (a knee radiograph also has osteophytes).',
      ),
    otherJoints: z
      .array(z.string())
      .default([])
      .describe(
        'Joints and limbs that are not the spine: an imaging finding in a sentence that names one, and neither the spine nor a spinal level, is about that joint ("XR L knee: joint space narrowing with osteophytes").',
      ),
    otherDiagnoses: z
      .object({
        diagnoses: z
          .array(z.string())
          .describe(
            'Diagnoses of a nerve, joint or limb outside the spine ("carpal tunnel syndrome", "rotator cuff").',
          ),
        denials: z
          .array(z.string())
          .describe(
            'Words before a diagnosis, in its sentence, that say it is not this visit\'s ("no", "rule out", "history of").',
          ),
        procedures: z
          .array(z.string())
          .default([])
          .describe(
            'Operations for such a diagnosis ("carpal tunnel release"): naming one in a list of past surgery is no diagnosis of this visit.',
          ),
        symptoms: z
          .array(z.string())
          .describe(
            "Concepts such a diagnosis explains (numbness, weakness, clumsiness): in a note that names one and no spine finding, they and its care are not the spine's.",
          ),
      })
      .default({ diagnoses: [], denials: [], procedures: [], symptoms: [] }),
    courseSections: z
      .object({ clinic: z.array(z.string()), radiology: z.array(z.string()) })
      .describe(
        'Section names or kinds whose sentences tell the clinical course (a plan or a findings section does not; in a clinic note the reason for the visit does, "indication").',
      ),
    treatmentListSections: z
      .array(z.string())
      .describe('Clinic sections that only list medications or past care (not a trial for this problem).'),
    episodeWeeks: z
      .number()
      .positive()
      .default(52)
      .describe(
        'Documents dated more than this many weeks before the latest dated clinic note tell an earlier episode: their symptoms, care and failures are history, their durations and course do not count (imaging findings are kept).',
      ),
    treatmentOrderSections: z
      .array(z.string())
      .default([])
      .describe(
        'Clinic sections (names, or finer section kinds such as assessment_plan for an "A/P:" header) where care named with no cue and no failure is what this visit orders ("PLAN: Medrol dose pack x 6 days"), not care already received.',
      ),
    clinicalSections: z
      .array(z.string())
      .describe(
        'Sections that make an unclassified document count as a clinic note when they hold findings.',
      ),
    globalFailure: z
      .object({
        failure: z.array(z.string()),
        scope: z.array(z.string()).describe('Words naming conservative or medical management as a whole.'),
      })
      .describe('"Failed conservative management": a failure word and a scope word in one clause.'),
  })
  .describe('Case-stage word lists.');
export type LanguageSpec = z.infer<typeof LanguageSpec>;

export type CourseClass = 'improving' | 'notImproving' | 'worse';
export interface CourseSignal {
  cls: CourseClass;
  phrase: string;
  /** Offset of the phrase within the scanned text. */
  start: number;
  end: number;
}

/**
 * The tokens [from, to) of one sentence inside a longer token list (its document's), with `base` the
 * offset the sentence's positions count from: what the sentence alone would tokenise to.
 */
export interface TokenRange {
  tokens: readonly Token[];
  from: number;
  to: number;
  base: number;
}

/** A sentence on its own, tokenised. */
export function ownTokens(text: string): TokenRange {
  const tokens = tokenize(text);
  return { tokens, from: 0, to: tokens.length, base: 0 };
}

/** The sentence methods take the text, or its tokens when the caller already has them. */
export type SentenceInput = string | TokenRange;

const rangeOf = (s: SentenceInput): TokenRange => (typeof s === 'string' ? ownTokens(s) : s);

/** What one sentence says in the word lists that are asked of every sentence, read in one pass. */
export interface SentenceWords {
  course: CourseSignal[];
  globalFailure: boolean;
  mentionsMri: boolean;
}

export interface CaseLanguage {
  /** `course`, `globalFailure` and `mentionsMri` of a sentence at once. */
  words(sentence: SentenceInput): SentenceWords;
  /** Course signals in text order; empty for conditional sentences. */
  course(sentence: SentenceInput): CourseSignal[];
  /** Received (or in use) vs only ordered, for a treatment mentioned at `offset` in `sentence`. */
  /** What the clause says of a treatment at `offset`: received, ordered, or nothing (null). */
  treatmentStatus(sentence: SentenceInput, offset: number): 'tried' | 'ordered' | null;
  mentionsMri(sentence: SentenceInput): boolean;
  mentionsSpine(text: SentenceInput): boolean;
  /** The text names a joint or limb that is not the spine (`otherJoints`). */
  namesOtherJoint(text: SentenceInput): boolean;
  /** The text names, not denied nor as past history, a diagnosis outside the spine (`otherDiagnoses`). */
  namesOtherDiagnosis(text: SentenceInput): boolean;
  /** The concepts such a diagnosis explains (`otherDiagnoses.symptoms`). */
  readonly explainedByOtherDiagnosis: ReadonlySet<string>;
  /** The sentence says conservative / medical management failed. */
  globalFailure(sentence: SentenceInput): boolean;
}

type CueClass = 'tried' | 'ordered' | 'past' | 'justBefore';
/** Words a 'justBefore' cue may stand before its treatment ("since her therapeutic injection"). */
const JUST_BEFORE_GAP = 2;

export function compileLanguage(spec: LanguageSpec): CaseLanguage {
  const c = spec.course;
  const course = new PhraseMatcher<CourseClass | 'neutral' | 'negator'>(
    {
      improving: c.improving,
      notImproving: c.notImproving,
      worse: c.worse,
      neutral: c.neutral,
      negator: c.negators,
    },
    'norm',
  );
  const conditional = new PhraseMatcher({ conditional: spec.conditional }, 'lower');
  const pastEpisode = new PhraseMatcher({ past: spec.pastEpisode }, 'lower');
  /** The sentence opens on an earlier episode: "Prior CES, fully resolved" ("Prior to PT, ..." does not). */
  const opensOnPast = (tokens: readonly Token[], from: number, to: number): boolean => {
    const hit = pastEpisode.scan(tokens, from, Math.min(to, from + 3)).find((h) => h.first === from);
    return hit !== undefined && tokens[hit.last + 1]?.lower !== 'to';
  };
  const cues = new PhraseMatcher<CueClass>(
    {
      tried: spec.treatmentTried,
      ordered: spec.treatmentOrdered,
      past: spec.pastTime,
      justBefore: spec.treatmentTriedJustBefore,
    },
    'lower',
  );
  const mri = new PhraseMatcher({ mri: spec.mri }, 'lower');
  const spine = new PhraseMatcher({ spine: spec.spineWords }, 'lower');
  const joints = new PhraseMatcher({ joint: spec.otherJoints }, 'lower');
  const diagnoses = new PhraseMatcher(
    { diagnosis: spec.otherDiagnoses.diagnoses, procedure: spec.otherDiagnoses.procedures },
    'norm',
  );
  const diagnosisDenials = new PhraseMatcher({ denial: spec.otherDiagnoses.denials }, 'lower');
  const failure = new PhraseMatcher(
    { failure: spec.globalFailure.failure, scope: spec.globalFailure.scope },
    'norm',
  );

  const sentenceWords = new PhraseScanner([conditional, course, failure, mri] as const);
  // the hits of one sentence are read into its SentenceWords and dropped: one set of lists serves all
  const wordHits: [
    PhraseHit<'conditional'>[],
    PhraseHit<CourseClass | 'neutral' | 'negator'>[],
    PhraseHit<'failure' | 'scope'>[],
    PhraseHit<'mri'>[],
  ] = [[], [], [], []];

  const denials = new Set(c.denials);
  const courseSignals = (
    { tokens, base, from, to: end }: TokenRange,
    allHits: readonly PhraseHit<CourseClass | 'neutral' | 'negator'>[],
    conditions: readonly PhraseHit<string>[],
  ): CourseSignal[] => {
    // A condition makes its sentence's course words no course ("if no better in 2 weeks", "goals: improve
    // sitting tolerance"), save those well before it: a dictated note may run a whole visit into one
    // sentence, and "... fifty percent better ... follow up in 6 weeks or sooner if worse" is improving.
    const to = conditions.length > 0 ? Math.min(end, conditions[0]!.first - CONDITION_REACH_BACK) : end;
    if (to <= from || opensOnPast(tokens, from, end)) return [];
    const hits = to < end ? allHits.filter((h) => h.last < to) : allHits;
    const out: CourseSignal[] = [];
    let lastNegator = Number.NEGATIVE_INFINITY;
    let denial = false;
    for (const hit of hits) {
      if (hit.cls === 'negator') {
        lastNegator = hit.last;
        denial = denials.has(hit.phrase);
        continue;
      }
      if (hit.cls === 'neutral') continue;
      const negated =
        hit.first - lastNegator <= c.negationWindow &&
        !hasBreak(tokens, lastNegator + 1, hit.first) &&
        !hasContrast(tokens, lastNegator + 1, hit.first);
      if (negated && denial && hit.cls === 'worse' && deniedFinding(tokens, lastNegator + 1, hit.first))
        continue;
      // "not improving" and "not worse" both mean the problem persists.
      const cls: CourseClass = negated && hit.cls !== 'notImproving' ? 'notImproving' : hit.cls;
      out.push({
        cls,
        phrase: hit.phrase,
        start: tokens[hit.first]!.start - base,
        end: tokens[hit.last]!.end - base,
      });
    }
    const scores = scoreChange(tokens, from, to, c.scoreLinks);
    if (scores) {
      const start = tokens[scores.first]!.start;
      const end = tokens[scores.last]!.end;
      // As written: a space only where the text has one ("2/10 now vs 7/10").
      let phrase = '';
      for (let k = scores.first; k <= scores.last; k++) {
        const t = tokens[k]!;
        phrase += (k > scores.first && t.start > tokens[k - 1]!.end ? ' ' : '') + t.text;
      }
      out.push({ cls: scores.cls, phrase, start: start - base, end: end - base });
      out.sort((x, y) => x.start - y.start);
    }
    return out;
  };
  const isGlobalFailure = (hits: readonly PhraseHit<'failure' | 'scope'>[]): boolean =>
    hits.some((h) => h.cls === 'failure') && hits.some((h) => h.cls === 'scope');

  return {
    explainedByOtherDiagnosis: new Set(spec.otherDiagnoses.symptoms),
    words(sentence) {
      const range = rangeOf(sentence);
      sentenceWords.scanInto(range.tokens, range.from, range.to, wordHits);
      const [conditionalHits, courseHits, failureHits, mriHits] = wordHits;
      const conditionalSentence = conditionalHits.length > 0;
      return {
        course: courseSignals(range, courseHits, conditionalHits),
        globalFailure: !conditionalSentence && isGlobalFailure(failureHits),
        mentionsMri: mriHits.length > 0,
      };
    },

    course(sentence) {
      const range = rangeOf(sentence);
      const conditions = conditional.scan(range.tokens, range.from, range.to);
      return courseSignals(range, course.scan(range.tokens, range.from, range.to), conditions);
    },

    treatmentStatus(sentence, offset) {
      const { tokens, from: first, to: last, base } = rangeOf(sentence);
      let idx = first;
      while (idx < last && tokens[idx]!.end - base <= offset) idx++;
      const [from, to] = clauseAround(tokens, idx, first, last);
      const hits = cues.scan(tokens, from, to);
      if (hits.some((h) => h.cls === 'past')) return 'tried';
      // The nearest cue before the treatment decides ("failed PT and was referred for ESI"), else a cue
      // right after it ("PT referral", "ESI scheduled"); with no cue the section decides (course.ts).
      const before = hits
        .filter(
          (h) =>
            h.last < idx &&
            h.cls !== 'past' &&
            (h.cls !== 'justBefore' || idx - h.last - 1 <= JUST_BEFORE_GAP),
        )
        .pop();
      if (before) return before.cls === 'ordered' ? 'ordered' : 'tried';
      const after = hits.find(
        (h) => h.first > idx && h.first - idx <= 3 && h.cls !== 'past' && h.cls !== 'justBefore',
      );
      return after ? (after.cls === 'ordered' ? 'ordered' : 'tried') : null;
    },

    mentionsMri(sentence) {
      const { tokens, from, to } = rangeOf(sentence);
      return mri.any(tokens, from, to);
    },

    mentionsSpine(text) {
      const { tokens, from, to } = rangeOf(text);
      return spine.any(tokens, from, to);
    },

    namesOtherJoint(text) {
      const { tokens, from, to } = rangeOf(text);
      return joints.any(tokens, from, to);
    },

    namesOtherDiagnosis(text) {
      const { tokens, from, to } = rangeOf(text);
      return diagnoses.scan(tokens, from, to).some((hit) => {
        if (hit.cls === 'procedure') return false;
        // Its own sentence, up to the diagnosis: a denial there ("no evidence of carpal tunnel") takes it back.
        let start = hit.first;
        while (start > from && !isSentenceEnd(tokens[start - 1]!)) start--;
        return !diagnosisDenials.any(tokens, start, hit.first);
      });
    },

    globalFailure(sentence) {
      const { tokens, from, to } = rangeOf(sentence);
      return !conditional.any(tokens, from, to) && isGlobalFailure(failure.scan(tokens, from, to));
    },
  };
}

function isSentenceEnd(t: Token): boolean {
  return t.kind === 'punct' && (t.text === '.' || t.text === ';' || t.text === '!');
}

/** Words a course word must stand before a condition to be said outside it (`courseSignals`). */
const CONDITION_REACH_BACK = 8;

function hasBreak(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isClauseBreak(tokens[k]!)) return true;
  return false;
}

/** Words that end a negation: "no falls but worsening hand clumsiness". */
const CONTRAST: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet']);

/** A contrast word in [from, to); "yet" right after the negation is part of it ("not yet improved"). */
function hasContrast(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const w = tokens[k]!.lower;
    if (CONTRAST.has(w) && !(k === from && w === 'yet')) return true;
  }
  return false;
}

/** Words that may stand between a denial and the finding it denies ("denies any new weakness"). */
const DENIAL_FILLERS: ReadonlySet<string> = new Set([
  'any',
  'a',
  'an',
  'the',
  'new',
  'further',
  'significant',
  'obvious',
  'definite',
  'interval',
]);

/** Only fillers stand in [from, to): "no progressive weakness", not "no falls but worsening clumsiness". */
function deniedFinding(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!DENIAL_FILLERS.has(tokens[k]!.lower)) return false;
  return true;
}

/** Token range [from, to) of the clause holding token `idx`, within the sentence [first, last). */
function clauseAround(tokens: readonly Token[], idx: number, first: number, last: number): [number, number] {
  let from = idx;
  while (from > first && !isClauseBreak(tokens[from - 1]!)) from--;
  let to = idx;
  while (to < last && !isClauseBreak(tokens[to]!)) to++;
  return [from, to];
}
