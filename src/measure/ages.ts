/**
 * The patient's age: "a 67-year-old", "45 yo", "67F", "age: 45". Not an age at some past moment ("at 15 years
 * of age"), a thing's ("it is two years old") or a relative's. The patterns are built with the durations'
 * (durations.ts), which share their numbers and units.
 */
import { type Found, firstIn, isAboutRelative, type SentenceView } from './context.js';
import type { DurationPatterns } from './durations.js';
import { mayHold, onView, worded } from './gates.js';
import type { CompiledLexicon } from './lexicon.js';
import { parseNumberPhrase, round1 } from './numbers.js';

const AGE_UNIT_YEARS: Record<string, number> = { y: 1, m: 1 / 12, w: 1 / 52.18, d: 1 / 365.25 };

export function extractAges(
  lex: CompiledLexicon,
  pat: DurationPatterns,
  view: SentenceView,
  out: Found[],
): void {
  const text = view.text;
  const push = (value: number | null, unitWord: string, start: number, end: number) => {
    if (value === null || value <= 0) return;
    // "at 15 years of age", "since she was 6 years old", "at age 30": a past moment, not the current age.
    if (lex.ageBlockerBefore.test(text.slice(Math.max(0, start - 30), start))) return;
    if (isAboutRelative(lex, text, start, end)) return;
    const u = unitWord.toLowerCase();
    const factor = u.startsWith('y')
      ? 1
      : u.startsWith('mo')
        ? AGE_UNIT_YEARS.m!
        : u.startsWith('w')
          ? AGE_UNIT_YEARS.w!
          : AGE_UNIT_YEARS.d!;
    const years = factor === 1 ? value : round1(value * factor);
    if (years > 120) return;
    const m: Found = { kind: 'age_years', value: years, unit: 'years', start, end };
    if (factor !== 1) {
      m.raw = value;
      m.rawUnit = u.startsWith('mo') ? 'months' : u.startsWith('w') ? 'weeks' : 'days';
    }
    out.push(m);
  };
  if (mayHold(view, pat.oldNeedles)) {
    const { re, on } = worded(lex, view, pat.ageOld);
    re.lastIndex = 0;
    for (let m = re.exec(on); m !== null; m = re.exec(on)) {
      // "it is two years old", "greater than seven years old": the age of a thing (only in the spaced form;
      // "a 67-year-old" is always a person). Read on the text itself: `on` may be lower-cased.
      if (
        !text.slice(m.index, m.index + m[0].length).includes('-old') &&
        lex.objectAgeBefore.test(text.slice(Math.max(0, m.index - 20), m.index))
      )
        continue;
      push(parseNumberPhrase(m.groups!.n!, lex), m.groups!.unit!, m.index, m.index + m[0].length);
    }
  }
  if (mayHold(view, pat.yoNeedles)) {
    const { re, on } = onView(pat.ageYo, view);
    re.lastIndex = 0;
    for (let m = re.exec(on); m !== null; m = re.exec(on)) {
      push(Number(m.groups!.n), 'years', m.index, m.index + m[0].length);
    }
  }
  // The pattern is case-sensitive: without a capital F or M there is nothing to find.
  if (text.includes('F') || text.includes('M')) {
    pat.ageSex.lastIndex = 0;
    for (let m = pat.ageSex.exec(text); m !== null; m = pat.ageSex.exec(text)) {
      const end = m.index + m[0].length;
      if (!lex.ageShorthandBefore.test(text.slice(Math.max(0, m.index - 25), m.index))) continue;
      if (firstIn(lex.ageShorthandBlocker, text, end, end + 25)) continue;
      push(Number(m.groups!.n), 'years', m.index, end);
    }
  }
  if (mayHold(view, pat.labelNeedles)) {
    const { re, on } = onView(pat.ageLabel, view);
    re.lastIndex = 0;
    for (let m = re.exec(on); m !== null; m = re.exec(on)) {
      push(Number(m.groups!.n), 'years', m.index, m.index + m[0].length);
    }
  }
}
