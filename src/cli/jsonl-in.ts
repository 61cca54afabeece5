/**
 * `spinex extract --jsonl-in`: the line protocol of Spark's `RDD.pipe`, Hadoop Streaming and GNU parallel.
 * Each stdin line is `{"id": ..., "text": "..."}` or `{"id": ..., "path": "..."}`; each gets exactly one
 * stdout line, in input order, written as soon as it is done:
 *
 *   {"id": ..., "line": N, "result": DocumentResult}     (a result may carry `errors`, e.g. empty text)
 *   {"id": ... | null, "line": N, "error": {"code", "message"}}   (the line itself was unusable)
 *
 * A bad line never stops the stream, and per-line errors do not change the exit code: a non-zero exit
 * makes Spark and Hadoop fail the whole partition, and the errors are already in the output.
 */
import type { Writable } from 'node:stream';
import type { SourceDocument } from '../facts/document.js';
import type { DocumentResult, ResultError } from '../facts/schema.js';
import { DEFAULT_MAX_BYTES, type IngestOptions, normaliseText, readInput } from '../ingest/index.js';
import type { Extractor } from '../pipeline/index.js';
import { extractOne } from './extract.js';

export type LineId = string | number;

export type LineRecord =
  | { id: LineId; line: number; result: DocumentResult }
  | { id: LineId | null; line: number; error: ResultError };

export interface JsonlInOptions {
  ingest: IngestOptions;
  debug?: boolean;
}

type Parsed =
  | { id: LineId; text: string }
  | { id: LineId; path: string }
  | { id: LineId | null; error: ResultError };

const bad = (id: LineId | null, code: string, message: string) => ({ id, error: { code, message } });

function parseLine(line: string): Parsed {
  if (line.trim() === '')
    return bad(null, 'empty-line', 'empty line (expected {"id", "text"} or {"id", "path"})');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return bad(null, 'invalid-json', `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad(null, 'invalid-line', 'each line must be a JSON object {"id", "text"} or {"id", "path"}');
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? o.id : null;
  if (id === null) return bad(null, 'invalid-line', 'missing "id" (a string or a number)');
  const hasText = typeof o.text === 'string';
  const hasPath = typeof o.path === 'string';
  if (hasText === hasPath) return bad(id, 'invalid-line', 'give exactly one of "text" or "path" (a string)');
  return hasText ? { id, text: o.text as string } : { id, path: o.path as string };
}

async function toDocument(
  p: { id: LineId; text: string } | { id: LineId; path: string },
  ingest: IngestOptions,
): Promise<SourceDocument> {
  if ('path' in p) return readInput({ source: p.path, path: p.path }, ingest);
  const source = String(p.id);
  const fail = (error: ResultError): SourceDocument => ({ source, text: '', pages: null, errors: [error] });
  const max = ingest.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = Buffer.byteLength(p.text, 'utf8');
  if (bytes > max)
    return fail({
      code: 'too-large',
      message: `${source} is ${bytes} bytes, over the per-document limit of ${max} bytes; it was not read`,
    });
  if (p.text.trim() === '') return fail({ code: 'empty', message: `${source} has no text` });
  return { source, text: normaliseText(p.text), pages: null, errors: [] };
}

function put(out: Writable, chunk: string): Promise<void> {
  return out.write(chunk) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r()));
}

/** A record too large for one string (V8's limit) becomes an error record on its line: the stream goes on. */
function serialise(record: LineRecord): string {
  try {
    return JSON.stringify(record);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const error = {
      code: 'output-too-large',
      message: `the result is too large to write (${err.message}); split the document`,
    };
    return JSON.stringify({ id: record.id, line: record.line, error });
  }
}

export interface JsonlInSummary {
  lines: number;
  /** Lines that got an `error` record. */
  errors: number;
  /** Results that carry `errors` (unreadable path, empty or too-large text). */
  documentErrors: number;
}

/** One line's answer: the record's text (without the line end) and what the summary counts. */
export interface LineAnswer {
  text: string;
  lineError: boolean;
  documentError: boolean;
}

/**
 * Answer line `n` (1-based). `say` receives a --debug stack trace; the parallel path (--jobs) passes one to
 * carry it back to the main thread.
 */
export async function answerLine(
  raw: string,
  n: number,
  extractor: Extractor,
  opts: JsonlInOptions,
  say?: (line: string) => void,
): Promise<LineAnswer> {
  const parsed = parseLine(n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  if ('error' in parsed) {
    return {
      text: serialise({ id: parsed.id, line: n, error: parsed.error }),
      lineError: true,
      documentError: false,
    };
  }
  const doc = await toDocument(parsed, opts.ingest);
  const result = extractOne(extractor, doc, opts.debug, say);
  return {
    text: serialise({ id: parsed.id, line: n, result }),
    lineError: false,
    documentError: result.errors.length > 0,
  };
}

/**
 * The source a usable line's document is named by (its path, or its id), or null for an unusable line: what
 * the parallel path needs to write an internal-error record for a line whose worker stopped.
 */
export function lineSource(raw: string, n: number): { id: LineId; source: string } | null {
  const parsed = parseLine(n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  if ('error' in parsed) return null;
  return { id: parsed.id, source: 'path' in parsed ? parsed.path : String(parsed.id) };
}

export function serialiseLine(record: LineRecord): string {
  return serialise(record);
}

/** Read lines, write one record per line in order. `lines` yields lines without their line ends. */
export async function runJsonlIn(
  lines: AsyncIterable<string>,
  out: Writable,
  extractor: Extractor,
  opts: JsonlInOptions,
): Promise<JsonlInSummary> {
  const summary: JsonlInSummary = { lines: 0, errors: 0, documentErrors: 0 };
  for await (const raw of lines) {
    const answer = await answerLine(raw, ++summary.lines, extractor, opts);
    if (answer.lineError) summary.errors++;
    if (answer.documentError) summary.documentErrors++;
    await put(out, `${answer.text}\n`);
  }
  return summary;
}
