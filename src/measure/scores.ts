/**
 * Named scores: mJOA / JOA, Nurick, ODI, NDI and pain (NRS, VAS, "7/10", "rates her pain as 8 out of 10").
 * A value is read only after the scale's name (through a few small words: "mJOA score of 13/18") or, for
 * pain, in the "N/10" form with a pain word nearby, so levels ("L5"), strengths ("5/5"), reflexes ("2+")
 * and dates ("4/10/97") never turn into scores.
 *
 * Ranges keep the worse end: "pain 6-7/10" → 7, "mJOA 12-13" → 12 (the span shows the range as written).
 */

import type { Severity } from '../facts/schema.js';
import {
  clauseEnd,
  clauseStart,
  type Found,
  firstIn,
  isAboutRelative,
  isTarget,
  matchesIn,
  matchesInView,
  type SentenceView,
} from './context.js';
import { Caseless } from './fold.js';
import { mayHold, needles, onView } from './gates.js';
import type { CompiledLexicon } from './lexicon.js';
import { parseDigits, romanOrDigit, round1, SIMPLE_NUMBERS } from './numbers.js';

type ScaleKind = 'mjoa' | 'joa' | 'nurick' | 'odi' | 'ndi' | 'pain' | 'genant';
const SCALES: ScaleKind[] = ['mjoa', 'joa', 'nurick', 'odi', 'ndi', 'pain', 'genant'];
/** Grades written in Roman numerals as often as in digits ("Nurick grade III", "Genant grade II"). */
const ROMAN_GRADES: ReadonlySet<ScaleKind> = new Set(['nurick', 'genant']);

// One step through the words between a scale name and its value: punctuation (a bracketed acronym too: "Oswestry
// Disability Index (ODI) 42%"), a word, or the value.
const GAP_TOKEN_RE = /\s{0,3}(?:([:=(),–-])|(\p{L}+(?:'s)?)|(\d{1,3}(?:[.,]\d{1,2})?)(?!\d))/uy;
const RANGE_RE = /\s?(?:-|–|to)\s?(\d{1,3}(?:[.,]\d{1,2})?)(?!\d)/y;
const DENOM_RE = /\s?(?:\/|out of)\s?(\d{1,3}|ten|seventeen|eighteen|fifty|hundred)(?![\d\p{L}]|\.\d)/uy;
// A value in words ("mJOA of twelve") is no value when a unit or a count follows it: "ODI one year ago" is no
// score of 1, nor "Nurick one of the criteria".
const WORD_VALUE_NOT_RE =
  /\s(?:years?|yrs?|months?|mos?|weeks?|wks?|days?|hours?|times?|of|or|to|more|less|other|another)(?![\p{L}])/iuy;
// "seven out of ten", "six to seven out of 10": pain in words.
const PAIN_WORDS_RE =
  /(?<![\p{L}\d])(zero|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s?(?:-|–|to)\s?(one|two|three|four|five|six|seven|eight|nine|ten))?\sout of\s(?:10|ten)(?![\p{L}\d])/giu;
const UNIT_RE = /\s?(%|percent|per cent|points?|pts?|mm|cm)(?![\p{L}])/uy;
// "from 11 to 14", and with when the first was stated between: "from 11 at intake to 14", "from 11 in January
// 2024 to 14", "from 11 on 3/2/2024 to 14", "from 11 initially to 14" (at most a determiner and two words, so
// the look stays short). "to 14 days later" is a time, not a score.
const SEQ_RE =
  /\s?(?:%|percent|points?)?(?:,?\s(?:(?:at|in|on|during)\s(?:the\s|her\s|his\s|their\s)?[\p{L}\d/-]+(?:\s[\p{L}\d/-]+)?|initially|previously|originally|preoperatively|pre-?op),?)?\s?(?:to|->|→)\s?(?:an?\s)?(\d{1,3}(?:[.,]\d{1,2})?)(?!\d|\s?(?:days?|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?)(?![\p{L}]))/uy;
// "7/10", "6-7/10", "8 out of 10"; never inside a date ("4/10/97", "12/10/95").
const SLASH10_RE =
  /(?<![\d/.,])(\d{1,2}(?:\.\d)?)(?:\s?(?:-|–|to)\s?(\d{1,2}(?:\.\d)?))?\s?(?:\/|out of)\s?10(?![\d/]|[.,]\d)/gi;
const DATE_LEAD_RE = /(?:^|[^\p{L}])(?:on|since|dated|until|through|before|after)\s*$/iu;
// "Pain: 7", "pain is 8", "pain of a 6" (vital-sign style), with nothing word-like after the value.
const BARE_PAIN_RE = new Caseless(
  String.raw`(?<![\p{L}])pain\s?(?:[:=]|\s-|\s(?:is|was|of|at|level|score|today|currently|now)(?:\s(?:a|an|of|at))?)\s?(\d{1,2}(?:\.\d)?)(?![\d/%–-]|[.,]\d|\s?[\p{L}%/–-])`,
  'giu',
);
const PAIN = needles(['pain']);
const NAME_GAP_LIMIT = 8;

interface ReadValue {
  /** Position where the value starts. */
  at: number;
  value: number;
  /** Second number of a range ("6-7") or of a change ("from 11 to 14"). */
  second: number | null;
  sequence: boolean;
  denom: number | null;
  unit: string | null;
  end: number;
  /** End of the first value with its denominator and unit, when a sequence follows. */
  firstEnd: number;
}

const DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'this',
  'that',
  'each',
  'any',
  'which',
  'a',
  'an',
  'every',
  'no',
]);

/** A denominator in digits or words. */
function numberOf(s: string): number {
  return SIMPLE_NUMBERS.get(s.toLowerCase()) ?? Number(s);
}

/** The value of a number word ending at `end`, unless a unit or a count follows it (WORD_VALUE_NOT_RE). */
function wordValueAt(text: string, word: string, end: number): number | null {
  const v = SIMPLE_NUMBERS.get(word.toLowerCase());
  if (v === undefined || v > 100) return null;
  WORD_VALUE_NOT_RE.lastIndex = end;
  return WORD_VALUE_NOT_RE.test(text) ? null : v;
}

function readNumberAt(text: string, re: RegExp, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** The value stated after a scale name, through small words only ("score of", "was", ":"). */
function readValue(text: string, pos: number, suffix: Set<string>, roman: boolean): ReadValue | null {
  let p = pos;
  let prevWord = '';
  for (let i = 0; i < NAME_GAP_LIMIT; i++) {
    const m = readNumberAt(text, GAP_TOKEN_RE, p);
    if (!m) return null;
    p = m.index + m[0].length;
    if (m[1] !== undefined) continue;
    let value: number | null = null;
    if (m[3] !== undefined) value = parseDigits(m[3]);
    else if (roman) value = romanOrDigit(m[2]!);
    // After a determiner a number word is a pronoun ("the one from March was 15").
    if (value === null && m[2] !== undefined && !DETERMINERS.has(prevWord))
      value = wordValueAt(text, m[2], p);
    if (value === null) {
      const w = m[2]!.toLowerCase().replace(/'s$/, '');
      if (!suffix.has(w)) return null;
      prevWord = w;
      continue;
    }
    const at = p - (m[3] ?? m[2]!).length;
    const out: ReadValue = {
      at,
      value,
      second: null,
      sequence: false,
      denom: null,
      unit: null,
      end: p,
      firstEnd: p,
    };
    const range = readNumberAt(text, RANGE_RE, p);
    if (range && prevWord !== 'from') {
      out.second = parseDigits(range[1]!);
      p = range.index + range[0].length;
    }
    const denom = readNumberAt(text, DENOM_RE, p);
    if (denom) {
      out.denom = numberOf(denom[1]!);
      p = denom.index + denom[0].length;
    }
    const unit = readNumberAt(text, UNIT_RE, p);
    if (unit) {
      out.unit = unit[1]!.toLowerCase();
      p = unit.index + unit[0].length;
    }
    out.end = out.firstEnd = p;
    const seq = prevWord === 'from' ? readNumberAt(text, SEQ_RE, p) : null;
    if (seq) {
      out.second = parseDigits(seq[1]!);
      out.sequence = true;
      p = seq.index + seq[0].length;
      const d2 = readNumberAt(text, DENOM_RE, p);
      if (d2) p = d2.index + d2[0].length;
      const u2 = readNumberAt(text, UNIT_RE, p);
      if (u2) p = u2.index + u2[0].length;
      out.end = p;
    }
    return out;
  }
  return null;
}

export function mjoaBand(v: number): string {
  return v >= 18 ? 'normal' : v >= 15 ? 'mild' : v >= 12 ? 'moderate' : 'severe';
}
export function odiBand(v: number): string {
  return v <= 20 ? 'minimal' : v <= 40 ? 'moderate' : v <= 60 ? 'severe' : v <= 80 ? 'crippled' : 'bed-bound';
}
/** NDI bands are defined on the 0-50 raw score. */
export function ndiBand(percent: number): string {
  const raw = percent / 2;
  return raw < 5 ? 'none' : raw < 15 ? 'mild' : raw < 25 ? 'moderate' : raw < 35 ? 'severe' : 'complete';
}
/** Genant's semiquantitative grades, each with its band and the severity it names (grade 0 names none). */
const GENANT_GRADES: ReadonlyMap<number, { band: string; severity: Severity | null }> = new Map([
  [0, { band: 'normal', severity: null }],
  [0.5, { band: 'borderline', severity: 'minimal' }],
  [1, { band: 'mild', severity: 'mild' }],
  [2, { band: 'moderate', severity: 'moderate' }],
  [3, { band: 'severe', severity: 'severe' }],
]);
export function genantBand(v: number): string | null {
  return GENANT_GRADES.get(v)?.band ?? null;
}
export function genantSeverity(v: number): Severity | null {
  return GENANT_GRADES.get(v)?.severity ?? null;
}
export function painBand(v: number): string {
  return v === 0 ? 'none' : v < 4 ? 'mild' : v < 7 ? 'moderate' : 'severe';
}

interface NameHit {
  kind: ScaleKind;
  start: number;
  end: number;
  text: string;
}

/** Scale names in `text`: the sentence of `view` when given (its folded text is made once), or a slice. */
function scaleNames(lex: CompiledLexicon, text: string, view?: SentenceView): NameHit[] {
  const hits: NameHit[] = [];
  if (view) {
    const { re, on } = onView(lex.scaleGate, view);
    if (!re.test(on)) return hits;
  } else if (!lex.scaleGate.test(text)) return hits;
  for (const kind of SCALES) {
    const cue = lex.scales[kind];
    for (const h of view ? matchesInView(cue, view) : matchesIn(cue, text, 0, text.length))
      hits.push({ kind, ...h });
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // "modified JOA" also contains "JOA": keep the longest name at each place.
  const out: NameHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

/** Turn one value of a named scale into a measurement (or nothing when it does not fit the scale). */
function scoreOf(
  name: NameHit,
  value: number,
  second: number | null,
  denom: number | null,
  unit: string | null,
  start: number,
  end: number,
): Found | null {
  const base = { start, end };
  switch (name.kind) {
    case 'mjoa':
    case 'joa': {
      // The denominator decides the scale; without one, the name does. A 17-point "mJOA" keeps its name
      // and max but gets no AO Spine band (the bands are defined on the 18-point scale).
      if (denom !== null && denom !== 17 && denom !== 18) return null;
      const kind = denom === 18 ? 'mjoa' : name.kind;
      const max = denom ?? (kind === 'mjoa' ? 18 : 17);
      const v = second !== null ? Math.min(value, second) : value;
      if (v < 0 || v > max) return null;
      return { ...base, kind, value: v, max, band: kind === 'mjoa' && max === 18 ? mjoaBand(v) : null };
    }
    case 'nurick': {
      if (denom !== null && denom !== 5) return null;
      const v = second !== null ? Math.max(value, second) : value;
      if (!Number.isInteger(v) || v < 0 || v > 5) return null;
      return { ...base, kind: 'nurick', value: v, max: 5 };
    }
    case 'genant': {
      // A range ("grade 1-2") keeps the worse end; only Genant's own grades are read (never "grade 4").
      if (denom !== null && denom !== 3) return null;
      const v = second !== null ? Math.max(value, second) : value;
      const band = genantBand(v);
      return band === null ? null : { ...base, kind: 'genant_grade', value: v, max: 3, band };
    }
    case 'odi':
    case 'ndi': {
      const v = second !== null ? Math.max(value, second) : value;
      // "/50" (and, for the NDI, "points") is the raw 0-50 sum; "%", "/100" or a bare number is percent.
      const raw50 =
        denom === 50 || (name.kind === 'ndi' && unit !== null && unit.startsWith('p') && unit !== 'percent');
      if (denom !== null && denom !== 50 && denom !== 100) return null;
      const pct = raw50 ? v * 2 : v;
      if (v < 0 || pct > 100) return null;
      const band = name.kind === 'odi' ? odiBand(pct) : ndiBand(pct);
      return raw50
        ? {
            ...base,
            kind: name.kind,
            value: pct,
            max: 100,
            unit: 'percent',
            raw: v,
            rawUnit: 'points (0-50)',
            band,
          }
        : { ...base, kind: name.kind, value: pct, max: 100, unit: 'percent', band };
    }
    case 'pain': {
      const v = second !== null ? Math.max(value, second) : value;
      const vas = /^(?:vas|visual)/i.test(name.text);
      let score = v;
      let raw: number | null = null;
      let rawUnit: string | null = null;
      if (unit === 'mm' || denom === 100 || (vas && denom === null && unit !== 'cm' && v > 10)) {
        score = round1(v / 10);
        raw = v;
        rawUnit = denom === 100 ? '/100' : 'mm';
      } else if (unit === 'cm') {
        raw = v;
        rawUnit = 'cm';
      } else if (denom !== null && denom !== 10) {
        return null;
      }
      if (score < 0 || score > 10) return null;
      return { ...base, kind: 'pain_score', value: score, max: 10, raw, rawUnit, band: painBand(score) };
    }
  }
}

function namedScores(lex: CompiledLexicon, view: SentenceView, out: Found[]): void {
  const text = view.text;
  const names = scaleNames(lex, text, view);
  names.forEach((name, i) => {
    const r = readValue(text, name.end, lex.scoreSuffix, ROMAN_GRADES.has(name.kind));
    if (!r) {
      if (ROMAN_GRADES.has(name.kind)) gradeBefore(text, name, out);
      return;
    }
    if (isTarget(lex, view, name.start) || isAboutRelative(lex, text, name.start, name.end)) return;
    if (r.sequence && r.second !== null) {
      const first = scoreOf(name, r.value, null, r.denom, r.unit, name.start, r.firstEnd);
      const second = scoreOf(name, r.second, null, r.denom, r.unit, name.start, r.end);
      if (first) out.push(first);
      if (second) out.push(second);
    } else {
      const m = scoreOf(name, r.value, r.second, r.denom, r.unit, name.start, r.end);
      if (m) out.push(m);
    }
    if (name.kind === 'mjoa' || name.kind === 'joa') {
      inheritedJoa(
        lex,
        view,
        name,
        r.end,
        Math.min(names[i + 1]?.start ?? text.length, r.end + INHERIT_REACH),
        out,
      );
    }
  });
}

// "JOA 10/17 today (12/17 last year)": a bare 17- or 18-point value soon after a named one is the same
// scale restated at another time. Any other "N/17" stays unread (dates, strengths, ratios).
const JOA_BARE_RE = /(?<![\d/.,])(\d{1,2}(?:\.\d)?)\s?(?:\/|out of)\s?(17|18)(?![\d/]|[.,]\d)/gi;
const INHERIT_REACH = 100;

function inheritedJoa(
  lex: CompiledLexicon,
  view: SentenceView,
  name: NameHit,
  from: number,
  to: number,
  out: Found[],
): void {
  const text = view.text;
  const slice = text.slice(from, to);
  JOA_BARE_RE.lastIndex = 0;
  for (let m = JOA_BARE_RE.exec(slice); m !== null; m = JOA_BARE_RE.exec(slice)) {
    const start = from + m.index;
    const end = start + m[0].length;
    if (DATE_LEAD_RE.test(text.slice(Math.max(0, start - 12), start))) continue;
    if (isTarget(lex, view, start)) continue;
    const f = scoreOf(name, Number(m[1]), null, Number(m[2]), null, start, end);
    if (f) out.push(f);
  }
}

// "grade III on the Nurick scale", "grade 2 Nurick", "grade 1 (Genant) wedge deformity".
const GRADE_BEFORE_RE = /(?:grade|score)\s(\d(?:\.5)?|I{1,3}|IV|V)\s(?:on\s(?:the\s)?|\()?$/i;

function gradeBefore(text: string, name: NameHit, out: Found[]): void {
  const m = GRADE_BEFORE_RE.exec(text.slice(Math.max(0, name.start - 25), name.start));
  if (!m) return;
  const v = romanOrDigit(m[1]!) ?? Number(m[1]);
  const start = name.start - m[0].length;
  const end = name.kind === 'genant' && text[name.end] === ')' ? name.end + 1 : name.end;
  const found = scoreOf(name, v, null, null, null, start, end);
  if (found) out.push(found);
}

function hasPainCue(lex: CompiledLexicon, text: string, start: number, end: number): boolean {
  const from = clauseStart(text, start, Math.max(0, start - 160));
  const to = clauseEnd(text, end, 40);
  return firstIn(lex.painCue, text, from, start) !== null || firstIn(lex.painCue, text, end, to) !== null;
}

/**
 * "NRS 7/10 today; 9/10 at the last visit": a bare "N/10" soon after a pain score in the same sentence is
 * that score restated, even across a clause break, unless another scale is named in between.
 */
function followsPainScore(lex: CompiledLexicon, text: string, found: Found[], start: number): boolean {
  let prev: Found | null = null;
  for (const f of found)
    if (f.kind === 'pain_score' && f.end <= start && (!prev || f.end > prev.end)) prev = f;
  if (!prev || start - prev.end > INHERIT_REACH) return false;
  const between = text.slice(prev.end, start);
  return scaleNames(lex, between).every((n) => n.kind === 'pain');
}

function painSlash(lex: CompiledLexicon, view: SentenceView, out: Found[]): void {
  const text = view.text;
  const found: { start: number; end: number; lo: number; hi: number | null }[] = [];
  // Every match ends in "10": most sentences have none, and looking for it costs far less than the pattern.
  if (text.includes('10')) {
    SLASH10_RE.lastIndex = 0;
    for (let m = SLASH10_RE.exec(text); m !== null; m = SLASH10_RE.exec(text)) {
      if (DATE_LEAD_RE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        lo: Number(m[1]),
        hi: m[2] !== undefined ? Number(m[2]) : null,
      });
    }
  }
  // Pain in words always says "out of": only those sentences are scanned for it.
  if (/out of/i.test(text)) {
    PAIN_WORDS_RE.lastIndex = 0;
    for (let m = PAIN_WORDS_RE.exec(text); m !== null; m = PAIN_WORDS_RE.exec(text)) {
      found.push({
        start: m.index,
        end: m.index + m[0].length,
        lo: numberOf(m[1]!),
        hi: m[2] !== undefined ? numberOf(m[2]) : null,
      });
    }
    found.sort((a, b) => a.start - b.start);
  }
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    let { start, end } = f;
    let value = f.hi !== null ? Math.max(f.lo, f.hi) : f.lo;
    // "ranges from 3/10 to 6/10": one range, keep the worse end.
    const next = found[i + 1];
    if (next && /^\s?(?:-|–|to)\s?$/.test(text.slice(end, next.start))) {
      const lead = text.slice(Math.max(0, start - 30), start);
      if (/rang|vari|between|fluctuat/i.test(lead)) {
        value = Math.max(value, next.hi ?? next.lo);
        end = next.end;
        i++;
      }
    }
    if (!hasPainCue(lex, text, start, end) && !followsPainScore(lex, text, out, start)) continue;
    if (isTarget(lex, view, start) || isAboutRelative(lex, text, start, end)) continue;
    const raw = value > 10 ? value : null;
    const score = Math.min(value, 10);
    out.push({
      kind: 'pain_score',
      value: score,
      max: 10,
      raw,
      rawUnit: raw !== null ? '/10' : null,
      band: painBand(score),
      start,
      end,
    });
  }
}

function painBare(lex: CompiledLexicon, view: SentenceView, out: Found[]): void {
  const text = view.text;
  if (!mayHold(view, PAIN)) return;
  const { re, on } = onView(BARE_PAIN_RE, view);
  re.lastIndex = 0;
  for (let m = re.exec(on); m !== null; m = re.exec(on)) {
    const v = Number(m[1]);
    if (v > 10 || isTarget(lex, view, m.index) || isAboutRelative(lex, text, m.index, m.index + m[0].length))
      continue;
    out.push({
      kind: 'pain_score',
      value: v,
      max: 10,
      band: painBand(v),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
}

/** "rates her pain as 8", "rated it at a 6" (no denominator): the rating verb, then a value up to 10. */
function painRated(lex: CompiledLexicon, view: SentenceView, out: Found[]): void {
  const text = view.text;
  for (const verb of matchesInView(lex.painVerb, view)) {
    const r = readValue(text, verb.end, lex.scoreSuffix, false);
    if (!r || r.denom !== null || r.unit !== null) continue;
    if (
      /^\s?[\p{L}]/u.test(text.slice(r.end, r.end + 3)) &&
      !/^\s?(?:on|in|at|for|and|with|today|now)\b/i.test(text.slice(r.end))
    )
      continue;
    const v = r.second !== null && !r.sequence ? Math.max(r.value, r.second) : r.value;
    if (v > 10) continue;
    // The verb alone says nothing about pain ("rates" is a pain cue only next to a "/10"): need a pain word.
    const from = clauseStart(text, verb.start, Math.max(0, verb.start - 60));
    if (!firstIn(lex.symptom, text, from, clauseEnd(text, r.end, 30))) continue;
    if (isTarget(lex, view, verb.start)) continue;
    out.push({ kind: 'pain_score', value: v, max: 10, band: painBand(v), start: verb.start, end: r.end });
  }
}

export function extractScores(lex: CompiledLexicon, view: SentenceView, out: Found[]): void {
  namedScores(lex, view, out);
  painSlash(lex, view, out);
  painBare(lex, view, out);
  painRated(lex, view, out);
}
