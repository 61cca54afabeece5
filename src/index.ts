/**
 * spinex as a library: `import { extractDocument, extractFile, evaluateCase, loadLexicons } from 'spinex'`.
 *
 * Importing this module has no side effects: nothing is printed and no lexicon is read until a function is
 * called. Lexicons compile once per folder (about 0.2 s) and are reused; pass `loadLexicons(dir)` to use a
 * site's own copy of the `lexicons/` folder.
 */
import type { CaseDocument } from './case/merge.js';
import type { CaseResult } from './facts/case-schema.js';
import type { SourceDocument } from './facts/document.js';
import type { DocumentResult } from './facts/schema.js';
import { type Guideline, loadGuideline, runCase } from './guideline/index.js';
import type { GuidelineConfig } from './guideline/schema.js';
import { type IngestOptions, normaliseText, readInput } from './ingest/index.js';
import { createExtractorSync, type Extractor } from './pipeline/index.js';
import { defaultLexiconDir } from './util/package-root.js';

export type { CaseDocument } from './case/merge.js';
export type {
  CaseFacts,
  CaseFinding,
  CaseMeasurement,
  CaseResult,
  Evidence,
  Recommendation,
  TriageLevel,
  Warning,
} from './facts/case-schema.js';
export { CASE_SCHEMA_VERSION } from './facts/case-schema.js';
export type { SourceDocument } from './facts/document.js';
export type {
  Assertion,
  DocumentResult,
  Finding,
  Measurement,
  MeasurementKind,
  Modifiers,
  ResultError,
  Span,
} from './facts/schema.js';
export { SCHEMA_VERSION } from './facts/schema.js';
export type { GuidelineConfig } from './guideline/schema.js';
export type { IngestOptions } from './ingest/index.js';

/** Compiled lexicons and guideline of one folder: build once, pass to every call. */
export interface Lexicons {
  /** The folder they were read from. */
  readonly dir: string;
  readonly extractor: Extractor;
  readonly guideline: Guideline;
}

export interface LexiconOptions {
  /** Guideline parameters over the defaults, e.g. `{ mjoaThreshold: 11 }`. */
  guidelineConfig?: GuidelineConfig;
}

/**
 * Compile a lexicon folder (default: the package's own `lexicons/`). A site adds its own terms by copying
 * that folder, editing it, and passing the copy here. Throws, naming the file, when a lexicon is invalid.
 */
export function loadLexicons(dir?: string, opts: LexiconOptions = {}): Lexicons {
  const lexiconDir = dir ?? defaultLexiconDir();
  return {
    dir: lexiconDir,
    extractor: createExtractorSync({ lexiconDir, includeText: false }),
    guideline: loadGuideline({
      lexiconDir,
      ...(opts.guidelineConfig ? { config: opts.guidelineConfig } : {}),
    }),
  };
}

let defaults: Lexicons | null = null;

function lexiconsOf(opts: { lexicons?: Lexicons }): Lexicons {
  if (opts.lexicons) return opts.lexicons;
  defaults ??= loadLexicons();
  return defaults;
}

export interface ExtractOptions {
  /** Compiled lexicons from `loadLexicons`; the package's own are loaded on first use otherwise. */
  lexicons?: Lexicons;
  /** The `source` of the result for text input (default `<text>`). */
  source?: string;
  /** Add the document text (what span offsets point into) to the result as `text`. */
  includeText?: boolean;
}

/** A document as text with its name; `pages` and `errors` as ingest gives them (optional). */
export type TextDocument = Pick<SourceDocument, 'source' | 'text'> & Partial<SourceDocument>;

/** Normalisation is idempotent, so text that ingest already normalised keeps its offsets and pages. */
function sourceDocument(input: string | TextDocument, source: string): SourceDocument {
  if (typeof input === 'string') return { source, text: normaliseText(input), pages: null, errors: [] };
  return {
    source: input.source,
    text: normaliseText(input.text),
    pages: input.pages ?? null,
    errors: input.errors ?? [],
  };
}

/**
 * Extract findings and measurements from one document's text (or a `{ source, text }` document). Text is
 * normalised as files are (CRLF → LF, odd spaces → space), and span offsets point into that normalised
 * text; `includeText: true` returns it as `text`.
 */
export function extractDocument(input: string | TextDocument, opts: ExtractOptions = {}): DocumentResult {
  const doc = sourceDocument(input, opts.source ?? '<text>');
  const result = lexiconsOf(opts).extractor.extract(doc);
  return opts.includeText ? { ...result, text: doc.text } : result;
}

/**
 * Read a file (.txt, .md or .pdf) and extract it. Never throws for a bad file: an unreadable, empty or
 * scanned document gets a result with `errors` filled, as on the command line.
 */
export async function extractFile(
  path: string,
  opts: ExtractOptions & Omit<IngestOptions, 'include' | 'exclude' | 'stdin' | 'output'> = {},
): Promise<DocumentResult> {
  const ingest: IngestOptions = {
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.password ? { password: opts.password } : {}),
  };
  const doc = await readInput({ source: opts.source ?? path, path }, ingest);
  return extractDocument(doc, opts);
}

/**
 * A document of a case: its text (named `document-N`), a `{ source, text }` document, a DocumentResult
 * (from `extractDocument`/`extractFile`), or `{ result, text }`.
 */
export type CaseInput = string | TextDocument | DocumentResult | CaseDocument;

export interface CaseOptions {
  lexicons?: Lexicons;
  /** Case identifier (default: the patient id found in the documents, else the first source's name). */
  caseId?: string;
}

function toCaseDocument(input: CaseInput, index: number, lex: Lexicons): CaseDocument {
  if (typeof input !== 'string' && 'result' in input) return input;
  if (typeof input !== 'string' && 'findings' in input) {
    return input.text === undefined ? { result: input } : { result: input, text: input.text };
  }
  return lex.extractor.extractForCase(sourceDocument(input, `document-${index + 1}`));
}

/**
 * Merge one patient's documents and apply the guideline: triage, recommendations and warnings, each with
 * the facts (and source spans) that triggered it. Documents given as text are extracted here; results given
 * without their text lose only the clinical-course reading that needs whole sentences.
 */
export function evaluateCase(docs: readonly CaseInput[], opts: CaseOptions = {}): CaseResult {
  const lex = lexiconsOf(opts);
  const caseDocs = docs.map((d, i) => toCaseDocument(d, i, lex));
  return runCase(caseDocs, {
    guideline: lex.guideline,
    ...(opts.caseId !== undefined ? { caseId: opts.caseId } : {}),
  });
}
