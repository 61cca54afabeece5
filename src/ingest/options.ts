import type { ResultError } from '../facts/schema.js';

export interface IngestOptions {
  /** Per-document byte limit; a larger input gets a `too-large` error, never a silent cut. Default 50 MB. */
  maxBytes?: number;
  /** Password for encrypted PDFs. */
  password?: string;
  /**
   * Globs for files found inside folders (explicitly named files are always read). A glob without "/" is
   * matched against the file name, one with "/" against the path relative to the folder given.
   * `include` narrows the default extension filter; it does not widen it.
   */
  include?: string[];
  /** Globs as for `include`; a folder whose name or relative path matches is not entered. */
  exclude?: string[];
  /**
   * The file results are written to (`-o`). It is never read: inside a folder it is skipped (a text report
   * written into the folder being read would otherwise come back as a document, or be truncated before it
   * is read), and named explicitly it gets an `is-output` error record.
   */
  output?: string;
  /** Where `-` reads from; defaults to process.stdin (injectable so the library and tests need no process). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

/** One input to read: a file path, or stdin (`path: null`), or an error found while listing. */
export interface Input {
  source: string;
  path: string | null;
  error?: ResultError;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export const STDIN_SOURCE = '<stdin>';
