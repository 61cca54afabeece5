/**
 * The word lists the case stage needs beyond what extraction gives it: whether a problem is
 * improving or worse, whether a treatment was received or only ordered, whether a note cites MRI
 * results, and whether the text says conservative management as a whole failed. The lists live in
 * lexicons/guideline.json (`language`); this module validates and compiles them once.
 */
import { z } from 'zod';
import { type Token, tokenize } from '../text/tokenize.js';
import { isClauseBreak, PhraseMatcher } from './phrases.js';

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
      negationWindow: z.number().int().min(0).max(6),
    }),
    conditional: z
      .array(z.string())
      .describe(
        'Words that make a sentence conditional ("if", "should"), so its course words are not the course.',
      ),
    treatmentTried: z.array(z.string()).describe('Cues that a treatment was received or is in use.'),
    treatmentOrdered: z.array(z.string()).describe('Cues that a treatment was only prescribed or referred.'),
    pastTime: z
      .array(z.string())
      .describe('Past-time words that make a treatment received even after "referred".'),
    mri: z.array(z.string()).describe('Words naming MRI, to see MRI results cited in a note.'),
    spineWords: z
      .array(z.string())
      .describe(
        'Words that show an imaging report is about the spine (a knee radiograph also has osteophytes).',
      ),
    courseSections: z
      .object({ clinic: z.array(z.string()), radiology: z.array(z.string()) })
      .describe(
        'Section names whose sentences tell the clinical course (a plan or a findings section does not).',
      ),
    treatmentListSections: z
      .array(z.string())
      .describe('Clinic sections that only list medications or past care (not a trial for this problem).'),
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

export interface CaseLanguage {
  /** Course signals in text order; empty for conditional sentences. */
  course(sentence: string): CourseSignal[];
  /** Received (or in use) vs only ordered, for a treatment mentioned at `offset` in `sentence`. */
  treatmentStatus(sentence: string, offset: number): 'tried' | 'ordered';
  mentionsMri(sentence: string): boolean;
  mentionsSpine(text: string): boolean;
  /** The sentence says conservative / medical management failed. */
  globalFailure(sentence: string): boolean;
}

type CueClass = 'tried' | 'ordered' | 'past';

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
  const cues = new PhraseMatcher<CueClass>(
    { tried: spec.treatmentTried, ordered: spec.treatmentOrdered, past: spec.pastTime },
    'lower',
  );
  const mri = new PhraseMatcher({ mri: spec.mri }, 'lower');
  const spine = new PhraseMatcher({ spine: spec.spineWords }, 'lower');
  const failure = new PhraseMatcher(
    { failure: spec.globalFailure.failure, scope: spec.globalFailure.scope },
    'norm',
  );

  return {
    course(sentence) {
      const tokens = tokenize(sentence);
      if (conditional.scan(tokens).length > 0) return [];
      const out: CourseSignal[] = [];
      let lastNegator = Number.NEGATIVE_INFINITY;
      for (const hit of course.scan(tokens)) {
        if (hit.cls === 'negator') {
          lastNegator = hit.last;
          continue;
        }
        if (hit.cls === 'neutral') continue;
        const negated =
          hit.first - lastNegator <= c.negationWindow && !hasBreak(tokens, lastNegator + 1, hit.first);
        // "not improving" and "not worse" both mean the problem persists.
        const cls: CourseClass = negated && hit.cls !== 'notImproving' ? 'notImproving' : hit.cls;
        out.push({ cls, phrase: hit.phrase, start: tokens[hit.first]!.start, end: tokens[hit.last]!.end });
      }
      return out;
    },

    treatmentStatus(sentence, offset) {
      const tokens = tokenize(sentence);
      const at = tokens.findIndex((t) => t.end > offset);
      const idx = at === -1 ? tokens.length : at;
      const [from, to] = clauseAround(tokens, idx);
      const hits = cues
        .scan(tokens.slice(from, to))
        .map((h) => ({ ...h, first: h.first + from, last: h.last + from }));
      if (hits.some((h) => h.cls === 'past')) return 'tried';
      // The nearest cue before the treatment decides ("failed PT and was referred for ESI"), else a cue
      // right after it ("PT referral", "ESI scheduled"); ongoing care with no cue counts as received.
      const before = hits.filter((h) => h.last < idx && h.cls !== 'past').pop();
      if (before) return before.cls === 'ordered' ? 'ordered' : 'tried';
      const after = hits.find((h) => h.first > idx && h.first - idx <= 3 && h.cls !== 'past');
      return after?.cls === 'ordered' ? 'ordered' : 'tried';
    },

    mentionsMri(sentence) {
      return mri.scan(tokenize(sentence)).length > 0;
    },

    mentionsSpine(text) {
      return spine.scan(tokenize(text)).length > 0;
    },

    globalFailure(sentence) {
      const tokens = tokenize(sentence);
      if (conditional.scan(tokens).length > 0) return false;
      const hits = failure.scan(tokens);
      return hits.some((h) => h.cls === 'failure') && hits.some((h) => h.cls === 'scope');
    },
  };
}

function hasBreak(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isClauseBreak(tokens[k]!)) return true;
  return false;
}

/** Token range [from, to) of the clause holding token `idx`. */
function clauseAround(tokens: readonly Token[], idx: number): [number, number] {
  let from = idx;
  while (from > 0 && !isClauseBreak(tokens[from - 1]!)) from--;
  let to = idx;
  while (to < tokens.length && !isClauseBreak(tokens[to]!)) to++;
  return [from, to];
}
