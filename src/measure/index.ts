/**
 * measure/: numbers stated for this patient (scores, percentages, durations, age) → Measurement[].
 * One pass over the sentences; each sentence is scanned by a few regexes compiled once from
 * lexicons/measurements.json, each skipped where a cheap test (gates.ts) shows it cannot match.
 * Family-history and return-precaution sections state nothing about the patient's own values, so they are
 * skipped.
 */

import type { Section, Sentence, SourceDocument } from '../facts/document.js';
import { pageAt } from '../facts/pages.js';
import type { Measurement } from '../facts/schema.js';
import { findLevels, normaliseLevel } from '../match/index.js';
import { defaultLexiconDir } from '../util/package-root.js';
import { extractAges } from './ages.js';
import { START_DATE_SOURCE } from './calendar.js';
import type { Found, SentenceView } from './context.js';
import { compileDurationPatterns, extractDurations } from './durations.js';
import { Caseless } from './fold.js';
import { attachGenantLevels, compileHeightPatterns, extractHeightLoss } from './height.js';
import { alternation, compileLexicon, loadMeasurementLexicon, type MeasurementLexicon } from './lexicon.js';
import { extractScores } from './scores.js';

export type { MeasurementLexicon } from './lexicon.js';
export { loadMeasurementLexicon } from './lexicon.js';
export { mjoaBand, ndiBand, odiBand, painBand } from './scores.js';

export interface MeasurementExtractor {
  /** `documentDate` (ISO): the date the document was written, which turns "since March" into weeks. */
  extract(
    doc: SourceDocument,
    sections: Section[],
    sentences: Sentence[],
    documentDate?: string | null,
  ): Measurement[];
}

const SKIP_KINDS = new Set(['family_history', 'return_precautions']);
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DIGIT_RE = /\d/;
// An inline header above the sentence ("GOALS:", "Short-term goals:"), for goal lists the section
// detector does not know.
const INLINE_HEADER_RE = /(?:^|\n|[.,;]\s{0,3})\s{0,3}([A-Za-z][A-Za-z /&-]{1,40}):/g;

export function createMeasurementExtractor(lexicon: MeasurementLexicon): MeasurementExtractor {
  const lex = compileLexicon(lexicon);
  const durations = compileDurationPatterns(lex);
  const height = compileHeightPatterns(lex);
  const units = lexicon.durationUnits.flatMap((u) => u.words);
  // A sentence is worth scanning when it holds a digit or one of these words. Digits are tested on their own
  // first: most sentences that hold a word hold a digit too, and a digit is found at once.
  const list = [
    ...lexicon.numberWords,
    ...Object.keys(lexicon.fractions),
    ...units,
    ...lexicon.scales.nurick.names,
    ...lexicon.scales.genant.names,
  ];
  // Run only on text without a digit, where the lookbehind passes exactly where a word starts before words
  // that all start with a letter (Caseless).
  const words = new Caseless(
    `(?<![\\p{L}])(?:${alternation(list)})(?![\\p{L}])`,
    'iu',
    list.every((w) => /^[a-z]/i.test(w)),
  );
  const worth = (text: string) => DIGIT_RE.test(text) || words.test(text);
  // "since March", "began in early March": no digit, but a duration once the document's date is known.
  const sinceMonth = new Caseless(START_DATE_SOURCE, 'iu', true);

  function scan(view: SentenceView): Found[] {
    const found: Found[] = [];
    extractScores(lex, view, found);
    extractHeightLoss(lex, height, view, found);
    attachGenantLevels(view, found);
    extractDurations(lex, durations, view, found);
    extractAges(lex, durations, view, found);
    return found;
  }

  return {
    extract(doc, sections, sentences, documentDate = null) {
      const all: Measurement[] = [];
      const dated = documentDate !== null && ISO_DATE_RE.test(documentDate) ? documentDate : null;
      sentences.forEach((sentence, i) => {
        const section = sections[sentence.section];
        if (section && SKIP_KINDS.has(section.kind)) return;
        if (!worth(sentence.text) && !(dated && sinceMonth.test(sentence.text))) return;
        const view = new View(doc, section, sentence, dated);
        for (const f of scan(view)) {
          if (f.levels?.length === 0) f.levels = vertebraBefore(sentences[i - 1], sentence);
          all.push(toMeasurement(f, doc, sentence, section));
        }
      });
      return dedupe(all);
    },
  };
}

/**
 * "Compression deformity of the T7 vertebral body. There is approximately 25% loss of height.": a height
 * measure that names no vertebra is about the one vertebra the sentence before it (same section) names, and
 * about none when that sentence names several or a disc level.
 */
function vertebraBefore(prev: Sentence | undefined, sentence: Sentence): string[] {
  if (!prev || prev.section !== sentence.section) return [];
  const levels = findLevels(prev.text, 0);
  const only = levels[0];
  if (!only || only.from !== only.to || levels.some((l) => l.from !== only.from || l.to !== only.to))
    return [];
  return normaliseLevel(only, 'vertebra');
}

/** A sentence as the extractors see it; the header above it is looked for only when asked (few values need it). */
class View implements SentenceView {
  readonly text: string;
  readonly sectionKind: string;
  readonly levelLabel: string | null;
  lower?: string | null = undefined;
  folded?: string | null = undefined;
  numberWords?: boolean = undefined;
  #title: string | null | undefined = undefined;

  constructor(
    readonly doc: SourceDocument,
    readonly section: Section | undefined,
    readonly sentence: Sentence,
    readonly documentDate: string | null,
  ) {
    this.text = sentence.text;
    this.sectionKind = section?.kind ?? 'other';
    this.levelLabel = sentence.levelLabel?.text ?? null;
  }

  get headerTitle(): string | null {
    if (this.#title === undefined) this.#title = headerTitle(this.doc.text, this.section, this.sentence);
    return this.#title;
  }
}

function headerTitle(text: string, section: Section | undefined, sentence: Sentence): string | null {
  const from = Math.max(section?.bodyStart ?? 0, sentence.start - 300);
  let title: string | null = section?.title ?? null;
  if (from < sentence.start) {
    const slice = text.slice(from, sentence.start);
    // Every inline header ends in a colon: without one there is nothing to scan for.
    if (!slice.includes(':')) return title;
    INLINE_HEADER_RE.lastIndex = 0;
    for (let m = INLINE_HEADER_RE.exec(slice); m !== null; m = INLINE_HEADER_RE.exec(slice)) title = m[1]!;
  }
  return title;
}

function toMeasurement(
  f: Found,
  doc: SourceDocument,
  sentence: Sentence,
  section: Section | undefined,
): Measurement {
  const start = sentence.start + f.start;
  const end = sentence.start + f.end;
  const m: Measurement = {
    kind: f.kind,
    value: f.value,
    span: { start, end, text: doc.text.slice(start, end) },
  };
  if (f.max != null) m.max = f.max;
  if (f.unit != null) m.unit = f.unit;
  if (f.raw != null) m.raw = f.raw;
  if (f.rawUnit != null) m.rawUnit = f.rawUnit;
  if (f.band != null) m.band = f.band;
  if (f.levels) m.levels = f.levels;
  m.section = section?.name ?? 'other';
  if (doc.pages) m.page = pageAt(doc.pages, start);
  m.sentence = sentence.text;
  // Field order of the output: span last.
  const { span, ...rest } = m;
  return { ...rest, span };
}

/**
 * The same value of the same kind found twice at one place (a named score and its "N/10" form) is one
 * measurement, with the longer span. Genuinely separate statements stay, in text order; an age restated
 * later in the document is the same fact and is kept once.
 */
function dedupe(list: Measurement[]): Measurement[] {
  list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.kind.localeCompare(b.kind));
  const out: Measurement[] = [];
  const ages = new Set<number>();
  // Spans come in start order, so a twin is among the latest few of the same kind and value.
  const recent = new Map<string, Measurement>();
  for (const m of list) {
    if (m.kind === 'age_years') {
      if (ages.has(m.value)) continue;
      ages.add(m.value);
    }
    const key = `${m.kind}:${m.value}`;
    const twin = recent.get(key);
    if (twin && m.span.start < twin.span.end) {
      if (m.span.end - m.span.start > twin.span.end - twin.span.start) Object.assign(twin, m);
      continue;
    }
    recent.set(key, m);
    out.push(m);
  }
  return out;
}

let defaultExtractor: MeasurementExtractor | null = null;

/** Measurements of one document with the default lexicon (loaded and compiled on first use). */
export function extractMeasurements(
  doc: SourceDocument,
  sections: Section[],
  sentences: Sentence[],
  documentDate: string | null = null,
): Measurement[] {
  defaultExtractor ??= createMeasurementExtractor(loadMeasurementLexicon(defaultLexiconDir()));
  return defaultExtractor.extract(doc, sections, sentences, documentDate);
}
