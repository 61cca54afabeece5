/**
 * `spinex extract`: every input file yields one DocumentResult, read or not; a bad file never stops the
 * batch. With `--jsonl-in`, JSON lines on stdin instead of paths (see jsonl-in.ts).
 */
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { SourceDocument } from '../facts/document.js';
import { type DocumentResult, SCHEMA_VERSION } from '../facts/schema.js';
import { type IngestOptions, listInputs, readInput } from '../ingest/index.js';
import { createCsvWriter, documentRows } from '../output/csv.js';
import { formatDocumentText } from '../output/document-text.js';
import { createFhirWriter, documentBundle } from '../output/fhir/index.js';
import { createWriter, type OutputFormat, openOutput, type ResultWriter } from '../output/writer.js';
import { createExtractor } from '../pipeline/index.js';
import { toolVersion } from '../util/version.js';
import { EXIT } from './exit-codes.js';
import { runJsonlIn } from './jsonl-in.js';

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
}

export function ingestOptions(opts: ExtractCliOptions): IngestOptions {
  if (opts.maxBytes !== undefined && !(opts.maxBytes > 0))
    throw new UsageError('--max-bytes must be a positive number');
  return {
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.password ? { password: opts.password } : {}),
    ...(opts.include ? { include: opts.include } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
  };
}

export class UsageError extends Error {}

/** Error record for a document the pipeline itself failed on: reported, never fatal to the batch. */
export function failedResult(doc: SourceDocument, err: Error): DocumentResult {
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
    errors: [...doc.errors, { code: 'internal-error', message: err.message }],
  };
}

export function reportErrors(result: DocumentResult): void {
  for (const e of result.errors) process.stderr.write(`${result.source}: ${e.code}: ${e.message}\n`);
}

export function documentWriter(stream: Writable, format: ResultFormat): ResultWriter<DocumentResult> {
  if (format === 'csv') return createCsvWriter(stream, (d: DocumentResult) => documentRows(d));
  if (format === 'fhir') return createFhirWriter(stream, documentBundle);
  return createWriter<DocumentResult>(stream, format, formatDocumentText);
}

function usage(message: string): number {
  process.stderr.write(`spinex: ${message}\n`);
  return EXIT.usage;
}

export async function runExtract(paths: string[], opts: ExtractCliOptions): Promise<number> {
  let ingest: IngestOptions;
  try {
    ingest = ingestOptions(opts);
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
  const extractor = await createExtractor({
    ...(opts.lexicons ? { lexiconDir: opts.lexicons } : {}),
    includeText: opts.includeText ?? false,
  });
  if (opts.jsonlIn) return runJsonlInCommand(opts, ingest, extractor);
  const writer = documentWriter(openOutput(opts.output), opts.format);
  let failed = 0;
  let documents = 0;
  for await (const input of listInputs(paths, ingest)) {
    const doc = await readInput(input, ingest);
    let result: DocumentResult;
    try {
      result = extractor.extract(doc);
    } catch (err) {
      if (opts.debug) process.stderr.write(`${(err as Error).stack}\n`);
      result = failedResult(doc, err as Error);
    }
    documents++;
    if (result.errors.length) failed++;
    reportErrors(result);
    await writer.write(result);
  }
  await writer.close();
  if (opts.format === 'text') {
    process.stderr.write(`spinex: ${documents} document(s) read, ${failed} with errors\n`);
  }
  return failed ? EXIT.unreadable : EXIT.ok;
}

/** Per-line problems are records in the output, so the exit code stays 0 (see jsonl-in.ts). */
async function runJsonlInCommand(
  opts: ExtractCliOptions,
  ingest: IngestOptions,
  extractor: Awaited<ReturnType<typeof createExtractor>>,
): Promise<number> {
  const out = openOutput(opts.output);
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const s = await runJsonlIn(lines, out, extractor, { ingest, ...(opts.debug ? { debug: true } : {}) });
  if (out !== process.stdout) await new Promise<void>((r) => out.end(() => r()));
  if (s.errors || s.documentErrors)
    process.stderr.write(
      `spinex: ${s.lines} line(s), ${s.errors} unusable, ${s.documentErrors} document(s) with errors\n`,
    );
  return EXIT.ok;
}
