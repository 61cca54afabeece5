/**
 * Numbers of weeks that look like a symptom or treatment duration but measure something else:
 * - how long a treatment helped ("gave him six months of relief", "relief lasting 2 months", "the injection
 *   relieved her leg pain for 3 months"): the benefit, not how long the symptom or the treatment lasted;
 * - the window in which events were counted ("two falls in the past month", "3 episodes of incontinence over
 *   the past week"): a frequency, not how long a symptom has lasted. A stated symptom ("numbness for the past
 *   month", "frequent falls over the past year") still counts.
 * And a word that reads as a plan but is an adjective: "scheduled ibuprofen" is taken at set times, now.
 */
import { type Hit, lastIn, matchesIn } from './context.js';
import type { CompiledLexicon } from './lexicon.js';

// Between a benefit and its duration: no clause break and no word that hands the number to something else
// ("improved with PT for 6 weeks", "relief after 6 weeks of PT", "relieved by sitting for 2 years").
const BENEFIT_GAP_RE =
  /^(?:\s+(?!(?:with|after|by|despite|and|or|but|then|until|since|before|on|at|when|while|without)(?![\p{L}]))[\p{L}'~-]+){0,4}\s+$/iu;
const NEGATED_NEAR = 14;

/**
 * The duration is the length of a benefit: "N months of (good|80%|pain) relief" after it, or a benefit before
 * it with only a few plain words between ("relief lasting", "helped for about", "relieved her pain for").
 * A benefit denied ("no relief for 6 weeks", "without improvement") measures nothing of the kind.
 */
export function isBenefitDuration(
  lex: CompiledLexicon,
  text: string,
  start: number,
  end: number,
  clauseFrom: number,
): boolean {
  if (lex.benefitAfter.test(text.slice(end, end + 80))) return true;
  const before = lastIn(lex.benefit, text, Math.max(clauseFrom, start - 60), start);
  if (!before || !BENEFIT_GAP_RE.test(text.slice(before.end, start) || ' ')) return false;
  return !denied(lex, text, before, clauseFrom);
}

function denied(lex: CompiledLexicon, text: string, hit: Hit, clauseFrom: number): boolean {
  return lastIn(lex.negation, text, Math.max(clauseFrom, hit.start - NEGATED_NEAR), hit.start) !== null;
}

/** The symptom is a counted event ("two falls", "several episodes of numbness", "falls x3", "fell twice"). */
export function isCountedEvent(lex: CompiledLexicon, text: string, symptom: Hit): boolean {
  if (lex.countedBefore.test(text.slice(Math.max(0, symptom.start - 40), symptom.start))) return true;
  return lex.countedAfter.test(text.slice(symptom.end, symptom.end + 20));
}

/** The last future cue in text[from, to), skipping adjectives ("on scheduled ibuprofen", not "scheduled for"). */
export function lastFuture(lex: CompiledLexicon, text: string, from: number, to: number): Hit | null {
  const hits = matchesIn(lex.future, text, from, to);
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i]!;
    if (
      !lex.adjectiveFuture.has(h.text.toLowerCase()) ||
      !lex.adjectiveAfter.test(text.slice(h.end, h.end + 30))
    )
      return h;
  }
  return null;
}
