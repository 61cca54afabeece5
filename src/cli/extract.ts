/** `spinex extract`: every input file yields one DocumentResult, read or not; a bad file never stops the batch. */
import type { SourceDocument } from '../facts/document.js';
import type { DocumentResult } from '../facts/schema.js';
import { type IngestOptions, listInputs, readInput } from '../ingest/index.js';
import { formatDocumentText } from '../output/document-text.js';
import { createWriter, type OutputFormat, openOutput } from '../output/writer.js';
import { createExtractor } from '../pipeline/index.js';
import { EXIT } from './exit-codes.js';

export interface ExtractCliOptions {
  format: OutputFormat;
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
    schemaVersion: '1.0.0',
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

export async function runExtract(paths: string[], opts: ExtractCliOptions): Promise<number> {
  let ingest: IngestOptions;
  try {
    ingest = ingestOptions(opts);
  } catch (err) {
    process.stderr.write(`spinex: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const extractor = await createExtractor({
    ...(opts.lexicons ? { lexiconDir: opts.lexicons } : {}),
    includeText: opts.includeText ?? false,
  });
  const writer = createWriter<DocumentResult>(openOutput(opts.output), opts.format, formatDocumentText);
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
