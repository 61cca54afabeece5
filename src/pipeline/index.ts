/**
 * The extraction pipeline, wired once: read → sections → sentences → match → context → measure → facts.
 * `createExtractor` compiles every lexicon a single time; `extract` then runs one linear pass per stage.
 */

import { join } from 'node:path';
import { type Classification, createClassifier, loadDocumentLexicon } from '../classify/index.js';
import { ContextEngine } from '../context/index.js';
import { aggregateFindings, type MentionWithConcept } from '../facts/aggregate.js';
import type { PageSpan, Section, SourceDocument } from '../facts/document.js';
import { DocumentResult, SCHEMA_VERSION } from '../facts/schema.js';
import { loadFuzzyLexicon } from '../match/fuzzy.js';
import { createConceptMatcher, loadConceptLexicon, loadModifierLexicon } from '../match/index.js';
import { extractMeasurements } from '../measure/index.js';
import { createSectionDetector, loadSectionLexicon } from '../sections/index.js';
import { createSentenceSplitter, loadSentenceLexicon } from '../sentences/index.js';
import { defaultLexiconDir } from '../util/package-root.js';
import { toolVersion } from '../util/version.js';

export interface ExtractorOptions {
  /** Folder of lexicon JSON files; defaults to the package's own `lexicons/`. */
  lexiconDir?: string;
  /** Add the document text (what offsets point into) to each result. */
  includeText?: boolean;
  /** Validate each result against the zod schema before returning it (default true). */
  validate?: boolean;
}

export interface Extractor {
  extract(doc: SourceDocument): DocumentResult;
}

function pageAt(pages: PageSpan[] | null, offset: number): number | null {
  if (!pages) return null;
  for (const p of pages) if (offset >= p.start && offset < p.end) return p.num;
  return pages.length ? pages[pages.length - 1]!.num : null;
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

  return {
    extract(doc: SourceDocument): DocumentResult {
      const { text } = doc;
      const sections: Section[] = detectSections.detect(text);
      const sentences = splitter.split(text, sections);
      const mentions: MentionWithConcept[] = [];
      let imaging = 0;
      let clinical = 0;
      for (const sentence of sentences) {
        const { mentions: found } = matcher.matchSentence(sentence);
        if (found.length === 0) continue;
        const section = sections[sentence.section]!;
        const decisions = context.apply(
          sentence.text,
          sentence.start,
          found.map((m) => ({
            start: m.start,
            end: m.end,
            category: m.concept.category,
            concept: m.concept.id,
            inherentlyHistorical: m.concept.inherentlyHistorical ?? false,
          })),
          { kind: section.kind, title: section.title },
        );
        found.forEach((m, i) => {
          const d = decisions[i]!;
          if (m.concept.category === 'imaging') imaging++;
          else if (m.concept.category === 'clinical') clinical++;
          mentions.push({
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
          });
        });
      }
      const measurements = extractMeasurements(doc, sections, sentences).map((m) => ({
        ...m,
        page: m.page ?? pageAt(doc.pages, m.span.start),
      }));
      const cls: Classification = classify({
        text,
        sections,
        imagingMentions: imaging,
        clinicalMentions: clinical,
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
        errors: doc.errors,
        ...(opts.includeText ? { text } : {}),
      };
      return validate ? DocumentResult.parse(result) : result;
    },
  };
}

/** Async for API stability: later stages may load lazily. */
export async function createExtractor(opts: ExtractorOptions = {}): Promise<Extractor> {
  return createExtractorSync(opts);
}
