/**
 * `--format csv`: one row per finding and one per measurement, for spreadsheets and dashboards.
 *
 * Columns (CSV_COLUMNS, in this order):
 *   case       case id (`case`/`batch`); empty for `extract`
 *   source     document the row comes from
 *   concept    concept id for a finding, measurement kind for a measurement (e.g. `mjoa`)
 *   assertion  present | absent | possible | historical | hypothetical | family; empty for a measurement
 *   levels     normalised levels separated by a space (`L4-L5 L5-S1`)
 *   severity   finding severity, or the measurement's band where its scale defines one
 *   value      the measurement's normalised value; a finding's stated height-loss percent
 *   section    normalised section name
 *   page       1-based PDF page; empty for text input
 *   start,end  UTF-16 offsets of the first mention (finding) or of the number (measurement)
 *   sentence   the sentence it was found in
 *
 * RFC 4180: comma-separated, CRLF line ends, a header row, fields with commas, quotes or line breaks
 * quoted and quotes doubled. Spreadsheets run a cell that starts with = + - @ tab or CR as a formula, so such
 * a text cell is prefixed with an apostrophe (OWASP's advice); numbers are written as numbers.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { CaseResult } from '../facts/case-schema.js';
import type { DocumentResult } from '../facts/schema.js';
import type { ResultWriter } from './writer.js';

export const CSV_COLUMNS = [
  'case',
  'source',
  'concept',
  'assertion',
  'levels',
  'severity',
  'value',
  'section',
  'page',
  'start',
  'end',
  'sentence',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Record<CsvColumn, string | number | null>;

// Full-width = + - @ too: some spreadsheets fold them to ASCII before deciding a cell is a formula.
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** Text a spreadsheet would evaluate gets a leading apostrophe; everything else is returned as is. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The rows of one document (findings first, then measurements, each in text order as extracted). */
export function documentRows(doc: DocumentResult, caseId = ''): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const f of doc.findings) {
    rows.push({
      case: caseId,
      source: doc.source,
      concept: f.concept,
      assertion: f.assertion,
      levels: f.levels.join(' '),
      severity: f.severity,
      value: f.percent,
      section: f.section,
      page: f.page,
      start: f.span.start,
      end: f.span.end,
      sentence: f.sentence,
    });
  }
  for (const m of doc.measurements) {
    rows.push({
      case: caseId,
      source: doc.source,
      concept: m.kind,
      assertion: null,
      levels: (m.levels ?? []).join(' '),
      severity: m.band ?? null,
      value: m.value,
      section: m.section ?? null,
      page: m.page ?? null,
      start: m.span.start,
      end: m.span.end,
      sentence: m.sentence ?? null,
    });
  }
  return rows;
}

/** The rows of every document of a case, in the case's document order, with the case id. */
export function caseRows(c: CaseResult): CsvRow[] {
  return c.documents.flatMap((d) => documentRows(d, c.caseId));
}

/** CSV text of rows; `header` adds the column row first. */
export function formatCsv(rows: readonly CsvRow[], header = true): string {
  const records: (string | number)[][] = rows.map((r) => CSV_COLUMNS.map((c) => cellOf(r[c])));
  if (header) records.unshift([...CSV_COLUMNS]);
  return stringify(records, { record_delimiter: 'windows' });
}

function cellOf(v: string | number | null): string | number {
  if (v === null) return '';
  return typeof v === 'number' ? v : neutraliseCell(v);
}

function put(stream: Writable, chunk: string): Promise<void> {
  if (chunk === '') return Promise.resolve();
  return stream.write(chunk) ? Promise.resolve() : new Promise((r) => stream.once('drain', () => r()));
}

/** A streaming CSV writer: the header once, then the rows of each item as it arrives. */
export function createCsvWriter<T>(stream: Writable, toRows: (item: T) => CsvRow[]): ResultWriter<T> {
  let started = false;
  return {
    async write(item: T) {
      await put(stream, formatCsv(toRows(item), !started));
      started = true;
    },
    async close() {
      if (!started) await put(stream, formatCsv([], true));
      if (stream !== process.stdout) await new Promise<void>((r) => stream.end(() => r()));
    },
  };
}
