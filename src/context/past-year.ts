/**
 * Care dated to a year long before the document ("L4-5 laminectomy in 2012", "lumbar fusion (2015)") was
 * received in the past: historical, as the contract asks of care that is long past, even without a cue
 * word. A symptom or condition dated to a year ("back pain in 2018", "diagnosed with stenosis in 2015") is
 * usually its onset, and it may still be present: it is historical only as an event the clause tells in the
 * past tense ("he had cauda equina syndrome in 2011", "sustained an L1 fracture in 2015"). A year is long
 * past when at least one whole calendar year lies between it and the document's own year (its date, or
 * else the latest year the text names).
 */
import { z } from 'zod';
import type { Cue } from '../facts/schema.js';
import { alternation } from '../util/regex.js';

export const PastYearRules = z
  .object({
    /** Words that may stand right before the year and join the cue ("in 2012", "back in 2012"). */
    lead: z.array(z.string().min(1)),
    /** Words before the year that make it a start or a span, not a date of the care ("since 2015"). */
    ongoing: z.array(z.string().min(1)),
    /** At most this many words between the end of the care's name and its year. */
    maxWords: z.number().int().positive().max(20),
    /** Whole calendar years that must lie between the year and the document's year. */
    minYearsBetween: z.number().int().nonnegative(),
    /** Past-tense verbs that tell a condition as an event: one must stand before it in its clause. */
    eventVerbs: z.array(z.string().min(1)).optional(),
    /**
     * Words after a year that opens the sentence ("In 2008 he fell and fractured L1") that turn to another
     * time ("but now", "currently"): the year dates nothing after them.
     */
    openingStops: z.array(z.string().min(1)).optional(),
    /**
     * Endings of the last word of a procedure's name ("arthroplasty", "cholecystectomy", "valve
     * replacement"): a target named so is care done at one moment, dated like care the lexicon knows.
     */
    procedureEndings: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type PastYearRules = z.infer<typeof PastYearRules>;

// A year opening the sentence: "In 2008, ...", "Back in 2015 she ...", "2012, ...".
const OPENING_YEAR_RE =
  /^[\s>*•-]{0,4}(?:(?:back|way back)\s+)?(?:(?:in|during|around|circa)\s+)?((?:19[5-9]\d|20\d\d))(?![\d/:]|[.,]\d)\s{0,2}[,:]?\s/i;
const YEAR_RE = /(?<![\d/.,:-])(?:19[5-9]\d|20\d\d)(?![\d/:]|[.,]\d)/g;
/** Most sentences name no year: one test spares the slicing. */
const HAS_YEAR_RE = /(?:19|20)\d\d/;
// A clause ends at a sentence mark, a semicolon or a comma.
const CLAUSE_END_RE = /[.;,!?]/;

/** Where the clause that ends at `to` starts: after the last clause mark, at most 200 characters back. */
function clauseStartBefore(sentence: string, to: number): number {
  let from = to;
  while (from > 0 && to - from < 200 && !CLAUSE_END_RE.test(sentence[from - 1]!)) from--;
  return from;
}

/** The document's own year: its date's, else the latest plausible year its text names. */
export function referenceYear(date: string | null, text: string): number | null {
  if (date) return Number(date.slice(0, 4));
  let latest: number | null = null;
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(text); m !== null; m = YEAR_RE.exec(text)) {
    const y = Number(m[0]);
    if (latest === null || y > latest) latest = y;
  }
  return latest;
}

export class PastYear {
  private readonly lead: ReadonlySet<string>;
  private readonly ongoing: ReadonlySet<string>;

  private readonly eventVerbs: ReadonlySet<string>;
  private readonly openingStop: RegExp | null;
  private readonly procedureEnding: RegExp | null;

  constructor(private readonly rules: PastYearRules) {
    this.lead = new Set(rules.lead.map((w) => w.toLowerCase()));
    this.ongoing = new Set(rules.ongoing.map((w) => w.toLowerCase()));
    this.eventVerbs = new Set((rules.eventVerbs ?? []).map((w) => w.toLowerCase()));
    const stops = rules.openingStops ?? [];
    this.openingStop = stops.length ? new RegExp(`;|\\b(?:${alternation(stops)})\\b`, 'i') : null;
    const endings = rules.procedureEndings ?? [];
    this.procedureEnding = endings.length ? new RegExp(`(?:${alternation(endings)})$`, 'i') : null;
  }

  /** The target's name ends as a procedure's does ("right total knee arthroplasty"). */
  namesProcedure(targetText: string): boolean {
    return this.procedureEnding?.test(targetText.trim()) ?? false;
  }

  /**
   * The historical cue of a target at `targetStart` in a sentence that opens with a long-past year ("In
   * 2008 he was in a motorcycle accident and sustained an L2 fracture"): the year dates the events the
   * sentence goes on to tell, up to a word that turns to another time (`openingStops`) or a semicolon.
   */
  openingCue(sentence: string, sentenceStart: number, targetStart: number, reference: number): Cue | null {
    if (this.openingStop === null) return null;
    const m = OPENING_YEAR_RE.exec(sentence);
    if (!m) return null;
    const year = Number(m[1]);
    if (year > reference - 1 - this.rules.minYearsBetween) return null;
    const to = targetStart - sentenceStart;
    if (to < m[0].length || this.openingStop.test(sentence.slice(m[0].length, to))) return null;
    const text = m[0].trim().replace(/[,:]$/, '');
    const start = sentenceStart + sentence.indexOf(text);
    return { category: 'historical', text, start, end: start + text.length, rule: 'past-year' };
  }

  /**
   * The historical cue of a target told after its year in one clause ("was hospitalized in 2021 for DKA",
   * "underwent in 2012 an L4-5 laminectomy"): a long-past year in the clause before the target, at most
   * `maxWords` words before it. The caller asks `toldAsEvent` too, unless the target is care or an event.
   */
  yearBeforeCue(sentence: string, sentenceStart: number, targetStart: number, reference: number): Cue | null {
    const to = targetStart - sentenceStart;
    if (to <= 0 || to > sentence.length || !HAS_YEAR_RE.test(sentence.slice(0, to))) return null;
    const from = clauseStartBefore(sentence, to);
    const clause = sentence.slice(from, to);
    let last: RegExpExecArray | null = null;
    YEAR_RE.lastIndex = 0;
    for (let m = YEAR_RE.exec(clause); m !== null; m = YEAR_RE.exec(clause)) last = m;
    if (!last || Number(last[0]) > reference - 1 - this.rules.minYearsBetween) return null;
    const after = clause.slice(last.index + last[0].length).match(/[\p{L}\d]+/gu) ?? [];
    if (after.length > this.rules.maxWords) return null;
    const before = (clause.slice(0, last.index).match(/[\p{L}]+/gu) ?? []).at(-1)?.toLowerCase();
    if (before !== undefined && this.ongoing.has(before)) return null;
    const start = sentenceStart + from + last.index;
    return {
      category: 'historical',
      text: last[0],
      start,
      end: start + last[0].length,
      rule: 'past-year',
    };
  }

  /**
   * Whether the clause before a condition that starts at `targetStart` tells it as a past event: one of the
   * event verbs within `maxWords` words before it, with no clause mark between ("he had ... in 2011").
   */
  toldAsEvent(sentence: string, sentenceStart: number, targetStart: number): boolean {
    const to = targetStart - sentenceStart;
    if (to < 0 || to > sentence.length || this.eventVerbs.size === 0) return false;
    const words = (sentence.slice(clauseStartBefore(sentence, to), to).match(/[\p{L}']+/gu) ?? []).slice(
      -this.rules.maxWords,
    );
    // "has had" is a state that may go on; "had" alone is over.
    return words.some(
      (w, i) => this.eventVerbs.has(w.toLowerCase()) && !/^ha(?:s|ve)$/i.test(words[i - 1] ?? ''),
    );
  }

  /**
   * The historical cue of care whose name ends at `targetEnd` (a document offset) in a sentence that
   * starts at `sentenceStart`: a long-past year in the same clause, a few words after the name. Null
   * when there is none.
   */
  cue(sentence: string, sentenceStart: number, targetEnd: number, reference: number): Cue | null {
    const from = targetEnd - sentenceStart;
    if (from < 0 || from > sentence.length || !HAS_YEAR_RE.test(sentence)) return null;
    const rest = sentence.slice(from);
    const clauseEnd = rest.search(CLAUSE_END_RE);
    const clause = clauseEnd === -1 ? rest : rest.slice(0, clauseEnd);
    YEAR_RE.lastIndex = 0;
    const m = YEAR_RE.exec(clause);
    if (!m) return null;
    const year = Number(m[0]);
    if (year > reference - 1 - this.rules.minYearsBetween) return null;
    const words = clause.slice(0, m.index).match(/[\p{L}\d]+/gu) ?? [];
    if (words.length > this.rules.maxWords) return null;
    const before = words.at(-1)?.toLowerCase();
    if (before !== undefined && this.ongoing.has(before)) return null;
    let start = sentenceStart + from + m.index;
    // "in 2012", "(2016)": the cue shows the word or bracket that dates the care.
    if (before !== undefined && this.lead.has(before)) {
      const at = clause.toLowerCase().lastIndexOf(before, m.index);
      start = sentenceStart + from + at;
    } else if (clause[m.index - 1] === '(') start -= 1;
    const endInClause = m.index + m[0].length + (clause[m.index + m[0].length] === ')' ? 1 : 0);
    const end = sentenceStart + from + endInClause;
    return {
      category: 'historical',
      text: sentence.slice(start - sentenceStart, end - sentenceStart),
      start,
      end,
      rule: 'past-year',
    };
  }
}
