/**
 * `spinex extract`: every input file yields one DocumentResult, read or not; a bad file never stops the
 * batch. With `--jsonl-in`, JSON lines on stdin instead of paths (see jsonl-in.ts).
 */
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { SourceDocument } from '../facts/document.js';
import { type DocumentResult, type ResultError, SCHEMA_VERSION } from '../facts/schema.js';
import { type IngestOptions, listInputs, namedOutput, readInput } from '../ingest/index.js';
import { createCsvWriter, documentRows } from '../output/csv.js';
import { formatDocumentText } from '../output/document-text.js';
import { createFhirWriter, documentBundle } from '../output/fhir/index.js';
import { problemLine } from '../output/problem-line.js';
import { createWriter, type OutputFormat, openOutput, type ResultWriter } from '../output/writer.js';
import type { ExtractedDocument, Extractor } from '../pipeline/index.js';
import { toolVersion } from '../util/version.js';
import { EXIT } from './exit-codes.js';
import { type JsonlInSummary, runJsonlIn } from './jsonl-in.js';
import { createProgress, guardStderr, wantsProgress } from './progress.js';

/** Every format a command can write: the writer's own plus the table and FHIR formats. */
export type ResultFormat = OutputFormat | 'csv' | 'fhir';
export const RESULT_FORMATS: readonly ResultFormat[] = ['json', 'jsonl', 'text', 'csv', 'fhir'];

export interface ExtractCliOptions {
  format: ResultFormat;
  jsonlIn?: boolean;
  output?: string;
  includeText?: boolean;
  lexicons?: string;
  maxBytes?: number;
  password?: string;
  include?: string[];
  exclude?: string[];
  debug?: boolean;
  /** Worker threads (`--jobs`); 1, the default here, runs everything in this process. */
  jobs?: number;
}

/** The validated `--jobs`. */
export function jobsOf(opts: { jobs?: number }): number {
  const jobs = opts.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a whole number, 1 or more');
  return jobs;
}

/** The command line's default for `--jobs`: one worker per core. */
export function withDefaultJobs<T extends { jobs?: number }>(opts: T): T {
  return opts.jobs === undefined ? { ...opts, jobs: availableParallelism() } : opts;
}

export function ingestOptions(opts: ExtractCliOptions): IngestOptions {
  if (opts.maxBytes !== undefined && !(opts.maxBytes > 0))
    throw new UsageError('--max-bytes must be a positive number');
  return {
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.password ? { password: opts.password } : {}),
    ...(opts.include ? { include: opts.include } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    ...(opts.output ? { output: opts.output } : {}),
  };
}

export class UsageError extends Error {}

/** A result with no facts and `error` added to the document's own errors. */
export function errorResult(doc: SourceDocument, error: ResultError): DocumentResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    toolVersion: toolVersion(),
    source: doc.source,
    documentType: 'unknown',
    modality: null,
    date: null,
    patientId: null,
    findings: [],
    measurements: [],
    sections: [],
    errors: [...doc.errors, error],
  };
}

/** Error record for a document the pipeline itself failed on: reported, never fatal to the batch. */
export function failedResult(doc: SourceDocument, err: Error): DocumentResult {
  return errorResult(doc, {
    code: 'internal-error',
    message: `${err.message} (a bug in spinex: please report it; --debug shows where)`,
  });
}

type Say = (line: string) => void;
const toStderr: Say = (l) => process.stderr.write(`${l}\n`);

/**
 * Run the pipeline on one document. A throw inside a stage becomes an `internal-error` record; its stack is
 * printed only with --debug (through `say`, so a progress display stays intact).
 */
export function extractOne(
  extractor: Pick<Extractor, 'extract'>,
  doc: SourceDocument,
  debug: boolean | undefined,
  say: Say = toStderr,
): DocumentResult {
  return guarded(
    () => extractor.extract(doc),
    doc,
    debug,
    say,
    (result) => result,
  );
}

/** `extractOne` for a case: the result with its text and, when the pipeline kept them, its tokens. */
export function extractCaseDocument(
  extractor: Pick<Extractor, 'extractForCase'>,
  doc: SourceDocument,
  debug: boolean | undefined,
  say: Say = toStderr,
): ExtractedDocument {
  return guarded(
    () => extractor.extractForCase(doc),
    doc,
    debug,
    say,
    (result) => ({ result, text: doc.text }),
  );
}

function guarded<T>(
  run: () => T,
  doc: SourceDocument,
  debug: boolean | undefined,
  say: Say,
  failed: (result: DocumentResult) => T,
): T {
  try {
    return run();
  } catch (err) {
    if (debug) say(String((err as Error)?.stack ?? err));
    return failed(failedResult(doc, err instanceof Error ? err : new Error(String(err))));
  }
}

export function reportErrors(result: DocumentResult, say: (line: string) => void = stderrLine): void {
  for (const e of result.errors) say(problemLine(result.source, e));
}

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Write one result; a result too large to serialise (a string over V8's limit) is replaced by an error
 * record for its document, so the batch goes on.
 */
export async function writeResult(
  writer: ResultWriter<DocumentResult>,
  result: DocumentResult,
  doc: SourceDocument,
): Promise<DocumentResult> {
  try {
    await writer.write(result);
    return result;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const replaced = tooLargeResult(result, doc, err);
    await writer.write(replaced);
    return replaced;
  }
}

/** What replaces a result too large to serialise (`err` is V8's RangeError). */
export function tooLargeResult(result: DocumentResult, doc: SourceDocument, err: RangeError): DocumentResult {
  return errorResult(doc, {
    code: 'output-too-large',
    message: `the result (${result.findings.length} findings, ${result.measurements.length} measurements) is too large to write (${err.message}); split the document`,
  });
}

export function documentWriter(stream: Writable, format: ResultFormat): ResultWriter<DocumentResult> {
  if (format === 'csv') return createCsvWriter(stream, (d: DocumentResult) => documentRows(d));
  if (format === 'fhir') return createFhirWriter(stream, documentBundle);
  return createWriter<DocumentResult>(stream, format, formatDocumentText);
}

/**
 * The usage error for an input that is also the `-o` file, or null: every command checks before it opens its
 * output, since writing would destroy the input before it is read.
 */
export async function outputClash(
  paths: readonly string[],
  output: string | undefined,
): Promise<string | null> {
  const clash = await namedOutput(paths, output);
  return clash === null
    ? null
    : `${clash} is both an input and the output file (-o): give another output file`;
}

function usage(message: string): number {
  process.stderr.write(`spinex: ${message}\n`);
  return EXIT.usage;
}

export async function runExtract(paths: string[], opts: ExtractCliOptions): Promise<number> {
  guardStderr();
  let ingest: IngestOptions;
  let jobs: number;
  try {
    ingest = ingestOptions(opts);
    jobs = jobsOf(opts);
  } catch (err) {
    return usage((err as Error).message);
  }
  if (opts.jsonlIn) {
    if (paths.length) return usage('--jsonl-in reads JSON lines on stdin; give no paths');
    if (opts.format !== 'json' && opts.format !== 'jsonl')
      return usage('--jsonl-in writes JSON lines; --format must be jsonl (or left out)');
  } else if (paths.length === 0) {
    return usage('extract needs a path (a file, a folder, or - for stdin), or --jsonl-in');
  }
  const clash = await outputClash(paths, opts.output);
  if (clash !== null) return usage(clash);
  if (jobs > 1) {
    if (opts.jsonlIn) return runJsonlInCommand(opts, ingest, null, jobs);
    const { runExtractParallel } = await import('../parallel/extract.js');
    return finish(opts, await runExtractParallel(paths, opts, ingest, jobs));
  }
  // Imported here: with workers, the main thread never builds an extractor.
  const { createExtractor } = await import('../pipeline/index.js');
  const extractor = await createExtractor({
    ...(opts.lexicons ? { lexiconDir: opts.lexicons } : {}),
    includeText: opts.includeText ?? false,
  });
  if (opts.jsonlIn) return runJsonlInCommand(opts, ingest, extractor, 1);
  const writer = documentWriter(openOutput(opts.output), opts.format);
  const progress = createProgress({ enabled: wantsProgress(opts.output) });
  const say = (line: string) => progress.note(line);
  let failed = 0;
  let documents = 0;
  try {
    for await (const input of listInputs(paths, ingest)) {
      const doc = await readInput(input, ingest);
      // Each result is written as soon as its document is done: memory stays flat on any number of files.
      const result = await writeResult(writer, extractOne(extractor, doc, opts.debug, say), doc);
      documents++;
      if (result.errors.length) failed++;
      reportErrors(result, say);
      progress.tick(result.errors.length > 0);
    }
  } finally {
    progress.done();
  }
  await writer.close();
  return finish(opts, { documents, failed });
}

function finish(opts: ExtractCliOptions, tally: { documents: number; failed: number }): number {
  if (opts.format === 'text') {
    process.stderr.write(`spinex: ${tally.documents} document(s) read, ${tally.failed} with errors\n`);
  }
  return tally.failed ? EXIT.unreadable : EXIT.ok;
}

/** Per-line problems are records in the output, so the exit code stays 0 (see jsonl-in.ts). */
async function runJsonlInCommand(
  opts: ExtractCliOptions,
  ingest: IngestOptions,
  extractor: Extractor | null,
  jobs: number,
): Promise<number> {
  // readline drops lines that come before its iterator is asked for: no await between the two.
  const stdinLines = () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let out: Writable | undefined;
  let s: JsonlInSummary;
  if (extractor) {
    out = openOutput(opts.output);
    s = await runJsonlIn(stdinLines(), out, extractor, { ingest, ...(opts.debug ? { debug: true } : {}) });
  } else {
    const { runJsonlInParallel } = await import('../parallel/jsonl.js');
    const asJsonl = { ...opts, format: 'jsonl' as const };
    s = await runJsonlInParallel(
      stdinLines(),
      () => (out ??= openOutput(opts.output)),
      asJsonl,
      ingest,
      jobs,
    );
    out ??= openOutput(opts.output);
  }
  const stream = out;
  if (stream !== process.stdout) await new Promise<void>((r) => stream.end(() => r()));
  if (s.errors || s.documentErrors)
    process.stderr.write(
      `spinex: ${s.lines} line(s), ${s.errors} unusable, ${s.documentErrors} document(s) with errors\n`,
    );
  return EXIT.ok;
}
