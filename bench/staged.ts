/**
 * The pipeline of src/pipeline/index.ts taken apart stage by stage, so each stage can be timed alone. It makes
 * the same calls in the same order as `createExtractorSync(...).extract` followed by `runCase` and one JSON
 * line; `checkAgainstExtractor` proves the two still agree, so a change to the pipeline that the bench does
 * not mirror is caught instead of silently timing something else.
 */
import { join } from 'node:path';
import {
  type Classification,
  createClassifier,
  type DocumentCues,
  loadDocumentLexicon,
} from '../src/classify/index.js';
import { ContextEngine } from '../src/context/index.js';
import { referenceYear } from '../src/context/past-year.js';
import { aggregateFindings, type MentionWithConcept } from '../src/facts/aggregate.js';
import type { CaseResult } from '../src/facts/case-schema.js';
import type { Section, Sentence, SourceDocument } from '../src/facts/document.js';
import { DocumentResult, type Measurement, SCHEMA_VERSION } from '../src/facts/schema.js';
import { type Guideline, loadGuideline, runCase } from '../src/guideline/index.js';
import { loadFuzzyLexicon } from '../src/match/fuzzy.js';
import {
  type ConceptMention,
  createConceptMatcher,
  loadConceptLexicon,
  loadModifierLexicon,
} from '../src/match/index.js';
import { extractMeasurements } from '../src/measure/index.js';
import {
  contextualise,
  createExtractorSync,
  matchInDocument,
  pageAt,
  tokensOfDocument,
  wholeTextTokens,
} from '../src/pipeline/index.js';
import { createSectionDetector, loadSectionLexicon } from '../src/sections/index.js';
import { createSentenceSplitter, loadSentenceLexicon } from '../src/sentences/index.js';
import type { DocumentTokens, Token } from '../src/text/tokenize.js';
import { defaultLexiconDir } from '../src/util/package-root.js';
import { toolVersion } from '../src/util/version.js';

/** Stage names in pipeline order; `read` is timed by the callers (it depends on where documents come from). */
export const STAGES = [
  'read',
  'sections',
  'sentences',
  'matching',
  'context',
  'measurements',
  'facts',
  'validation',
  'guideline',
  'serialisation',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_NOTES: Record<Stage, string> = {
  read: 'read bytes/lines, decode, normaliseText',
  sections: 'createSectionDetector().detect',
  sentences: 'createSentenceSplitter().split',
  matching:
    "tokensOfDocument, the classifier's cue phrases on those tokens, createConceptMatcher().matchSentence",
  context: 'ContextEngine.apply on sentences with mentions, mention records',
  measurements: 'extractMeasurements + page mapping',
  facts: 'classifier (type from cues and sections, date, patient id) + aggregateFindings + result object',
  validation: 'DocumentResult.parse (zod; the CLI validates by default)',
  guideline: 'runCase([document]) (one case per document)',
  serialisation: 'JSON.stringify of the CaseResult (one JSONL line)',
};

export interface Matched {
  sentence: Sentence;
  found: ConceptMention[];
}

/**
 * The matching stage's output: the mentions of each sentence and the document's cue phrases, read from the
 * same tokens (which, as in the pipeline, do not outlive the stage).
 */
export interface MatchedDocument {
  cues: DocumentCues;
  sentences: Matched[];
  tokens: DocumentTokens;
}

export interface Contextualised {
  cues: DocumentCues;
  mentions: MentionWithConcept[];
  imaging: number;
  clinical: number;
  /** The whole text's tokens, handed on to the case stage as the extractor's `extractForCase` does. */
  tokens: readonly Token[] | undefined;
}

/** One function per stage; each takes what the stage before it produced. */
export interface StagedPipeline {
  sections(text: string): Section[];
  sentences(text: string, sections: Section[]): Sentence[];
  matching(doc: SourceDocument, sections: Section[], sentences: Sentence[]): MatchedDocument;
  context(doc: SourceDocument, sections: Section[], matched: MatchedDocument): Contextualised;
  measurements(doc: SourceDocument, sections: Section[], sentences: Sentence[]): Measurement[];
  facts(
    doc: SourceDocument,
    sections: Section[],
    ctx: Contextualised,
    measurements: Measurement[],
  ): DocumentResult;
  validation(result: DocumentResult): DocumentResult;
  guideline(result: DocumentResult, text: string, tokens?: readonly Token[]): CaseResult;
  serialisation(c: CaseResult): string;
}

export function createStagedPipeline(lexiconDir = defaultLexiconDir()): StagedPipeline {
  const detectSections = createSectionDetector(loadSectionLexicon(lexiconDir));
  const splitter = createSentenceSplitter(loadSentenceLexicon(lexiconDir));
  const matcher = createConceptMatcher(
    loadConceptLexicon(lexiconDir),
    loadModifierLexicon(lexiconDir),
    loadFuzzyLexicon(lexiconDir),
  );
  const contextEngine = ContextEngine.fromFile(join(lexiconDir, 'context.json'));
  const classify = createClassifier(loadDocumentLexicon(lexiconDir));
  const guideline: Guideline = loadGuideline({ lexiconDir });
  const version = toolVersion();

  return {
    sections: (text) => detectSections.detect(text),
    sentences: (text, sections) => splitter.split(text, sections),
    matching(doc, sections, sentences) {
      const tokens = tokensOfDocument(doc.text);
      const cues = classify.cues(doc.text, sections, tokens);
      const out: Matched[] = [];
      for (const sentence of sentences) {
        const { mentions: found } = matchInDocument(matcher, tokens, sentence);
        if (found.length) out.push({ sentence, found });
      }
      return { cues, sentences: out, tokens };
    },
    context(doc, sections, matched) {
      const mentions: MentionWithConcept[] = [];
      let imaging = 0;
      let clinical = 0;
      const year = referenceYear(matched.cues.date, doc.text);
      for (const { sentence, found } of matched.sentences) {
        const section = sections[sentence.section]!;
        for (const m of contextualise(contextEngine, doc, sentence, section, found, matched.tokens, year)) {
          if (m.concept.category === 'imaging') imaging++;
          else if (m.concept.category === 'clinical') clinical++;
          mentions.push(m);
        }
      }
      return { cues: matched.cues, mentions, imaging, clinical, tokens: wholeTextTokens(matched.tokens) };
    },
    measurements(doc, sections, sentences) {
      return extractMeasurements(doc, sections, sentences).map((m) => ({
        ...m,
        page: m.page ?? pageAt(doc.pages, m.span.start),
      }));
    },
    facts(doc, sections, ctx, measurements) {
      const cls: Classification = classify({
        text: doc.text,
        sections,
        imagingMentions: ctx.imaging,
        clinicalMentions: ctx.clinical,
        cues: ctx.cues,
      });
      return {
        schemaVersion: SCHEMA_VERSION,
        toolVersion: version,
        source: doc.source,
        documentType: cls.documentType,
        modality: cls.modality,
        date: cls.date,
        patientId: cls.patientId,
        findings: aggregateFindings(ctx.mentions, measurements),
        measurements,
        sections: sections.map((s) => ({
          name: s.name,
          kind: s.kind,
          title: s.title,
          start: s.start,
          end: s.end,
        })),
        errors: doc.errors,
      };
    },
    validation: (result) => DocumentResult.parse(result),
    guideline: (result, text, tokens) =>
      runCase([tokens ? { result, text, tokens } : { result, text }], { guideline }),
    serialisation: (c) => `${JSON.stringify(c)}\n`,
  };
}

/** Accumulated nanoseconds per stage (bigint-free: performance.now() is precise enough per document). */
export type StageTimes = Record<Stage, number>;

export function zeroTimes(): StageTimes {
  return Object.fromEntries(STAGES.map((s) => [s, 0])) as StageTimes;
}

/**
 * Every stage after `read` on one document, adding each stage's milliseconds to `times`. Returns the JSONL
 * line, so the caller can count bytes out and nothing is optimised away.
 */
export function runTimed(p: StagedPipeline, doc: SourceDocument, times: StageTimes): string {
  let t0 = performance.now();
  let t1: number;
  const lap = (s: Stage) => {
    t1 = performance.now();
    times[s] += t1 - t0;
    t0 = t1;
  };
  const sections = p.sections(doc.text);
  lap('sections');
  const sentences = p.sentences(doc.text, sections);
  lap('sentences');
  const matched = p.matching(doc, sections, sentences);
  lap('matching');
  const ctx = p.context(doc, sections, matched);
  lap('context');
  const measurements = p.measurements(doc, sections, sentences);
  lap('measurements');
  const raw = p.facts(doc, sections, ctx, measurements);
  lap('facts');
  const result = p.validation(raw);
  lap('validation');
  const c = p.guideline(result, doc.text, ctx.tokens);
  lap('guideline');
  const line = p.serialisation(c);
  lap('serialisation');
  return line;
}

/** The same document through every stage, untimed. */
export function runAll(p: StagedPipeline, doc: SourceDocument): string {
  const sections = p.sections(doc.text);
  const sentences = p.sentences(doc.text, sections);
  const ctx = p.context(doc, sections, p.matching(doc, sections, sentences));
  const measurements = p.measurements(doc, sections, sentences);
  const result = p.validation(p.facts(doc, sections, ctx, measurements));
  return p.serialisation(p.guideline(result, doc.text, ctx.tokens));
}

/**
 * Documents on which the staged pipeline and the real extractor disagree (source names, at most `limit`).
 * Empty means the bench times exactly what `spinex extract` computes.
 */
export function checkAgainstExtractor(
  p: StagedPipeline,
  docs: Iterable<SourceDocument>,
  limit = 5,
): string[] {
  const extractor = createExtractorSync();
  const bad: string[] = [];
  for (const doc of docs) {
    const want = JSON.stringify(extractor.extract(doc));
    const sections = p.sections(doc.text);
    const sentences = p.sentences(doc.text, sections);
    const ctx = p.context(doc, sections, p.matching(doc, sections, sentences));
    const got = JSON.stringify(
      p.validation(p.facts(doc, sections, ctx, p.measurements(doc, sections, sentences))),
    );
    if (got !== want && bad.push(doc.source) >= limit) break;
  }
  return bad;
}
