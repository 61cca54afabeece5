/**
 * Ingest: input paths → SourceDocument. One document per input file, read or not; a batch never stops at a
 * bad file. Text is decoded and normalised here once, and that normalised text is what every offset in the
 * pipeline points into. PDFs are joined page by page with a blank line (PAGE_JOINER) and carry page spans.
 */
import type { SourceDocument } from '../facts/document.js';
import type { IngestOptions } from './options.js';
import { readInput } from './read.js';
import { listInputs } from './walk.js';

export { decodeText, normaliseText } from './decode.js';
export { compileGlobs, globToRegExp } from './glob.js';
export { DEFAULT_MAX_BYTES, type IngestOptions, type Input, STDIN_SOURCE } from './options.js';
export { PAGE_JOINER, repeatedPageLines } from './pdf.js';
export { readInput } from './read.js';
export { isPdf, sniffBinary } from './sniff.js';
export { FOLDER_EXTENSIONS, listInputs, namedOutput } from './walk.js';

/** Every input, in order, as a SourceDocument (errors as records). */
export async function* readDocuments(
  paths: string[],
  opts: IngestOptions = {},
): AsyncGenerator<SourceDocument> {
  for await (const input of listInputs(paths, opts)) yield await readInput(input, opts);
}
