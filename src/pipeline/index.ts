/**
 * The extraction pipeline, wired once: read → sections → sentences → match → context → measure → facts.
 * `createExtractor` compiles every lexicon a single time; `extract` then runs one linear pass per stage.
 */

import { join } from 'node:path';
import { type Classification, createClassifier, HEAD_CHARS, loadDocumentLexicon } from '../classify/index.js';
import { ContextEngine, type ContextTarget, type ListLead } from '../context/index.js';
import { referenceYear } from '../context/past-year.js';
import { aggregateFindings, type MentionWithConcept } from '../facts/aggregate.js';
import type { Section, Sentence, SourceDocument } from '../facts/document.js';
import { pageAt } from '../facts/pages.js';
import { DocumentResult, SCHEMA_VERSION } from '../facts/schema.js';
import { loadFuzzyLexicon } from '../match/fuzzy.js';
import {
  type ConceptDef,
  type ConceptMatcher,
  type ConceptMention,
  createConceptMatcher,
  loadConceptLexicon,
  loadModifierLexicon,
} from '../match/index.js';
import { extractMeasurements } from '../measure/index.js';
import { createSectionDetector, loadSectionLexicon } from '../sections/index.js';
import { createSentenceSplitter, loadSentenceLexicon } from '../sentences/index.js';
import { createListTracker } from '../sentences/lists.js';
import { type DocumentTokens, documentTokens, type Token, tokenSpan, tokensIn } from '../text/tokenize.js';
import { defaultLexiconDir } from '../util/package-root.js';
import { toolVersion } from '../util/version.js';
import { parseWarm } from '../util/warm-parse.js';

export { pageAt };

export interface ExtractorOptions {
  /** Folder of lexicon JSON files; defaults to the package's own `lexicons/`. */
  lexiconDir?: string;
  /** Add the document text (what offsets point into) to each result. */
  includeText?: boolean;
  /**
   * Validate each result against the zod schema before returning it (default true). Kept on in the CLI:
   * it costs 2-4 % of extraction on the real corpora, and the parsed copy is what gets written (zod
   * rebuilds each object in schema key order, so without it the same facts serialise in another order).
   */
  validate?: boolean;
}

/**
 * A result with what the case stage can reuse of its extraction: the text its offsets point into and, when
 * the document was tokenised whole, its tokens (`tokenize(text)`), so that the case stage need not cut the
 * text again. Fits where a `CaseDocument` is expected.
 */
export interface ExtractedDocument {
  result: DocumentResult;
  text: string;
  tokens?: readonly Token[];
}

export interface Extractor {
  extract(doc: SourceDocument): DocumentResult;
  /** `extract`, keeping the text and tokens for the case stage (see ExtractedDocument). */
  extractForCase(doc: SourceDocument): ExtractedDocument;
}

/**
 * Output budget of one document, in characters, for its mentions and again for its measurements: each
 * carries its sentence (up to 1500 characters) and ~500 of fields. A report uses a few hundred thousand; a
 * hostile file ("mJOA 12 mJOA 12 ..." over 20 MB, ~190 scores per sentence) would yield millions of facts,
 * exhaust memory and make a result too large to write. Past the budget the rest of the document is not
 * read, and an error record says so.
 */
export const MAX_FACT_CHARS = 100_000_000;
const FACT_FIELDS = 500;
/** Sentences per measurement pass, so that a document dense in numbers stops early too. */
const MEASURE_BLOCK = 2000;

const factCost = (sentence: { length: number } | undefined) => (sentence?.length ?? 0) + FACT_FIELDS;

/** Measurements of sentences [0, stop), block by block until the budget is spent; identical to one pass
 * for a document of up to MEASURE_BLOCK sentences (an age restated in a later block is still kept once). */
function measureInBlocks(
  doc: SourceDocument,
  sections: Section[],
  sentences: Sentence[],
  stop: number,
  documentDate: string | null,
) {
  if (stop <= MEASURE_BLOCK)
    return extractMeasurements(doc, sections, sentences.slice(0, stop), documentDate);
  const out: ReturnType<typeof extractMeasurements> = [];
  const ages = new Set<number>();
  let spent = 0;
  for (let b = 0; b < stop && spent <= MAX_FACT_CHARS; b += MEASURE_BLOCK) {
    const block = sentences.slice(b, Math.min(b + MEASURE_BLOCK, stop));
    for (const m of extractMeasurements(doc, sections, block, documentDate)) {
      if (m.kind === 'age_years') {
        if (ages.has(m.value)) continue;
        ages.add(m.value);
      }
      out.push(m);
      spent += factCost(m.sentence);
    }
  }
  return out;
}

/**
 * Documents up to this many characters are tokenised once, whole, and every stage takes its tokens from
 * there; of a longer one only the head the classifier reads is, and each sentence is tokenised alone (a
 * hostile 20 MB line would otherwise hold millions of tokens at once).
 */
const WHOLE_DOCUMENT = 1 << 20;

/** The document's tokens, shared by matching and the classifier's cue phrases. Exported for the benchmark. */
export function tokensOfDocument(text: string): DocumentTokens {
  return documentTokens(text, text.length <= WHOLE_DOCUMENT ? text.length : HEAD_CHARS);
}

/** `tokenize(text)` for the case stage, when the document was tokenised whole (not only its head). */
export function wholeTextTokens(tokens: DocumentTokens): readonly Token[] | undefined {
  return tokens.end === tokens.text.length ? tokens.tokens : undefined;
}

/** Concept mentions of one sentence, on its tokens taken from the document's. */
export function matchInDocument(matcher: ConceptMatcher, doc: DocumentTokens, sentence: Sentence) {
  return matcher.matchSentence(sentence, tokenSpan(doc, sentence.start, sentence.end));
}

/** Offset of the first fact past the budget (facts in text order), or null when all fit. */
function overBudget(facts: { span: { start: number }; sentence?: string | { text: string } }[]) {
  let spent = 0;
  for (const f of facts) {
    spent += factCost(typeof f.sentence === 'string' ? f.sentence : f.sentence?.text);
    if (spent > MAX_FACT_CHARS) return f.span.start;
  }
  return null;
}

/** What the context stage needs to know of a mention's concept: rules may be restricted to it. */
function conceptTarget(concept: ConceptDef): Omit<ContextTarget, 'start' | 'end'> {
  return {
    category: concept.category,
    concept: concept.id,
    inherentlyHistorical: concept.inherentlyHistorical ?? false,
    event: concept.event ?? false,
  };
}

/**
 * For `spinex assert`, where a target is a bare phrase: the concept the match stage finds in its place (the
 * mention that overlaps it most), so the assertion is the one the target would get in a document ("lumbar
 * discectomy in 2012" is care dated long past, as in a report). A phrase that names no concept gets none.
 */
export function createTargetDescriber(
  opts: Pick<ExtractorOptions, 'lexiconDir'> = {},
): (sentence: string, at: { start: number; end: number }) => Omit<ContextTarget, 'start' | 'end'> {
  const dir = opts.lexiconDir ?? defaultLexiconDir();
  const matcher = createConceptMatcher(
    loadConceptLexicon(dir),
    loadModifierLexicon(dir),
    loadFuzzyLexicon(dir),
  );
  return (sentence, at) => {
    const { mentions } = matcher.matchSentence({
      start: 0,
      end: sentence.length,
      text: sentence,
      section: 0,
      levelLabel: null,
    });
    let best: ConceptMention | null = null;
    let most = 0;
    for (const m of mentions) {
      const overlap = Math.min(m.end, at.end) - Math.max(m.start, at.start);
      if (overlap > most) [best, most] = [m, overlap];
    }
    return best ? conceptTarget(best.concept) : {};
  };
}

/**
 * The context stage for one sentence: each concept mention with its assertion, cues and provenance.
 * Exported so the benchmark times exactly what the pipeline runs.
 */
export function contextualise(
  context: ContextEngine,
  doc: SourceDocument,
  sentence: Sentence,
  section: Section,
  found: readonly ConceptMention[],
  tokens?: DocumentTokens,
  referenceYear?: number | null,
  lead: readonly ListLead[] = [],
): MentionWithConcept[] {
  const decisions = context.apply(
    sentence.text,
    sentence.start,
    found.map((m) => ({ start: m.start, end: m.end, ...conceptTarget(m.concept) })),
    { kind: section.kind, title: section.title },
    tokens && tokensIn(tokens, sentence.start, sentence.end),
    referenceYear,
    lead,
  );
  return found.map((m, i) => {
    const d = decisions[i]!;
    return {
      concept: m.concept,
      span: { start: m.start, end: m.end, text: m.text },
      sentence: { start: sentence.start, end: sentence.end, text: sentence.text },
      section: section.name,
      sectionTitle: section.title,
      page: pageAt(doc.pages, m.start),
      levels: m.levels,
      severity: m.severity,
      modifiers: d.modifiers,
      assertion: d.assertion,
      cues: d.cues,
      region: m.region,
      multilevel: m.multilevel,
      acuity: m.acuity,
    };
  });
}

export function createExtractorSync(opts: ExtractorOptions = {}): Extractor {
  const dir = opts.lexiconDir ?? defaultLexiconDir();
  const detectSections = createSectionDetector(loadSectionLexicon(dir));
  const splitter = createSentenceSplitter(loadSentenceLexicon(dir));
  const matcher = createConceptMatcher(
    loadConceptLexicon(dir),
    loadModifierLexicon(dir),
    loadFuzzyLexicon(dir),
  );
  const context = ContextEngine.fromFile(join(dir, 'context.json'));
  const classify = createClassifier(loadDocumentLexicon(dir));
  const validate = opts.validate ?? true;
  const version = toolVersion();

  const run = (doc: SourceDocument): { result: DocumentResult; tokens: DocumentTokens } => {
    const { text } = doc;
    const sections: Section[] = detectSections.detect(text);
    const sentences = splitter.split(text, sections);
    const tokens = tokensOfDocument(text);
    const cues = classify.cues(text, sections, tokens);
    const year = referenceYear(cues.date, text);
    let mentions: MentionWithConcept[] = [];
    let imaging = 0;
    let clinical = 0;
    // Past the output budget the rest of the document is not read (cutAt), and an error record says so.
    let cutAt = text.length;
    let stop = sentences.length;
    let spent = 0;
    const lists = createListTracker<ListLead[]>(text);
    for (let si = 0; si < sentences.length; si++) {
      if (spent > MAX_FACT_CHARS) {
        stop = si;
        cutAt = sentences[si]!.start;
        break;
      }
      const sentence = sentences[si]!;
      const lead = lists.itemOf(sentence);
      const { mentions: found } = matchInDocument(matcher, tokens, sentence);
      if (found.length > 0) {
        const section = sections[sentence.section]!;
        spent += found.length * factCost(sentence.text);
        for (const m of contextualise(context, doc, sentence, section, found, tokens, year, lead ?? [])) {
          if (m.concept.category === 'imaging') imaging++;
          else if (m.concept.category === 'clinical') clinical++;
          mentions.push(m);
        }
      }
      if (lead === null && sentence.text.endsWith(':')) {
        const cues = context.listLead(
          sentence.text,
          sentence.start,
          tokensIn(tokens, sentence.start, sentence.end),
        );
        lists.opens(sentence, cues.length > 0 ? cues : null);
      }
    }
    let measurements = measureInBlocks(doc, sections, sentences, stop, cues.date).map((m) => ({
      ...m,
      page: m.page ?? pageAt(doc.pages, m.span.start),
    }));
    cutAt = Math.min(cutAt, overBudget(mentions) ?? cutAt, overBudget(measurements) ?? cutAt);
    const errors = [...doc.errors];
    if (cutAt < text.length) {
      const found = mentions.length + measurements.length;
      mentions = mentions.filter((m) => m.span.start < cutAt);
      measurements = measurements.filter((m) => m.span.start < cutAt);
      errors.push({
        code: 'too-many-facts',
        message: `${found} or more mentions and measurements, too many for one result: only the first ${cutAt} of ${text.length} characters were read; split the document`,
      });
    }
    const cls: Classification = classify({
      text,
      sections,
      imagingMentions: imaging,
      clinicalMentions: clinical,
      cues,
    });
    const result: DocumentResult = {
      schemaVersion: SCHEMA_VERSION,
      toolVersion: version,
      source: doc.source,
      documentType: cls.documentType,
      modality: cls.modality,
      date: cls.date,
      patientId: cls.patientId,
      findings: aggregateFindings(mentions, measurements),
      measurements,
      sections: sections.map((s) => ({
        name: s.name,
        kind: s.kind,
        title: s.title,
        start: s.start,
        end: s.end,
      })),
      errors,
      ...(opts.includeText ? { text } : {}),
    };
    return { result: validate ? parseWarm(DocumentResult, result) : result, tokens };
  };

  return {
    extract: (doc) => run(doc).result,
    extractForCase(doc) {
      const { result, tokens } = run(doc);
      const whole = wholeTextTokens(tokens);
      return whole ? { result, text: doc.text, tokens: whole } : { result, text: doc.text };
    },
  };
}

/** Async for API stability: later stages may load lazily. */
export async function createExtractor(opts: ExtractorOptions = {}): Promise<Extractor> {
  return createExtractorSync(opts);
}
