/** Read one input into a SourceDocument. Never throws: whatever goes wrong becomes an error record. */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { SourceDocument } from '../facts/document.js';
import type { ResultError } from '../facts/schema.js';
import { decodeText } from './decode.js';
import { DEFAULT_MAX_BYTES, type IngestOptions, type Input } from './options.js';
import { readPdf } from './pdf.js';
import { isPdf, sniffBinary } from './sniff.js';
import { extensionOf, fsError } from './walk.js';

const CHUNK = 64 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[u]}`;
}

function tooLarge(source: string, size: number | null, max: number): ResultError {
  const what = size === null ? `more than ${formatBytes(max)}` : `${formatBytes(size)} (${size} bytes)`;
  return {
    code: 'too-large',
    message: `${source} is ${what}, over the per-document limit of ${formatBytes(max)} (${max} bytes); it was not read`,
  };
}

type Bytes = { bytes: Uint8Array } | { error: ResultError };

/**
 * A regular file read with blocking calls: four trips through libuv's thread pool (open, stat, read, close)
 * cost ~0.6 ms per small report, more than extracting it, and the CLI reads one document at a time anyway.
 * Returns null for anything that is not a regular file with a size (FIFOs, /proc, devices could block the
 * event loop), which then takes the asynchronous path.
 */
function readRegularFileSync(path: string, source: string, max: number): Bytes | null {
  let fd: number | undefined;
  try {
    // Stat by path before opening: opening a FIFO blocks until a writer comes.
    if (!statSync(path).isFile()) return null;
    fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (info.isDirectory()) return { error: { code: 'is-directory', message: `${source}: is a folder` } };
    if (!info.isFile() || info.size === 0) return null;
    if (info.size > max) return { error: tooLarge(source, info.size, max) };
    // The +1 sees a file that grew since stat; a file still growing is left to the chunked path's limit.
    const buf = new Uint8Array(Math.min(info.size + 1, max + 1));
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total === buf.length) return total > max ? { error: tooLarge(source, null, max) } : null;
    }
    return { bytes: buf.subarray(0, total) };
  } catch (err) {
    return { error: fsError(err, source) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Read a file, refusing up front when stat shows it is too large, and mid-read for FIFOs that have no size. */
async function readFileBytes(path: string, source: string, max: number): Promise<Bytes> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(path, 'r');
    const info = await fh.stat();
    if (info.isDirectory()) return { error: { code: 'is-directory', message: `${source}: is a folder` } };
    if (info.isFile()) {
      if (info.size > max) return { error: tooLarge(source, info.size, max) };
      // Files can grow between stat and read; the loop below still enforces the limit.
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    // One read for a regular file (the +1 sees growth); /proc files and FIFOs report size 0 and come in chunks.
    let size = info.isFile() && info.size > 0 ? Math.min(info.size + 1, max + 1) : CHUNK;
    for (;;) {
      const buf = new Uint8Array(size);
      size = CHUNK;
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) return { error: tooLarge(source, null, max) };
      chunks.push(buf.subarray(0, bytesRead));
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (err) {
    return { error: fsError(err, source) };
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

async function readStreamBytes(
  stream: AsyncIterable<Uint8Array | string>,
  source: string,
  max: number,
): Promise<Bytes> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      total += bytes.length;
      if (total > max) return { error: tooLarge(source, null, max) };
      chunks.push(bytes);
    }
  } catch (err) {
    return { error: { code: 'unreadable', message: `${source}: ${(err as Error)?.message ?? String(err)}` } };
  }
  return { bytes: Buffer.concat(chunks, total) };
}

/** Read one listed input (file or stdin) into a SourceDocument. */
export async function readInput(input: Input, opts: IngestOptions = {}): Promise<SourceDocument> {
  const { source } = input;
  const failed = (error: ResultError): SourceDocument => ({ source, text: '', pages: null, errors: [error] });
  if (input.error) return failed(input.error);
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const got =
    input.path === null
      ? await readStreamBytes(opts.stdin ?? process.stdin, source, max)
      : (readRegularFileSync(input.path, source, max) ?? (await readFileBytes(input.path, source, max)));
  if ('error' in got) return failed(got.error);
  const bytes = got.bytes;
  if (bytes.length === 0) return failed({ code: 'empty', message: `${source} is empty (0 bytes)` });

  if (isPdf(bytes)) return { source, ...(await readPdf(bytes, opts.password)) };
  const binary = sniffBinary(bytes);
  if (input.path !== null && extensionOf(input.path) === '.pdf') {
    // A scan saved as "report.pdf" that is really a JPEG: say what it is rather than "invalid PDF structure".
    if (binary && binary !== 'binary data') {
      return failed({ code: 'invalid-pdf', message: `${source} is named .pdf but is a ${binary}` });
    }
    if (!binary) {
      return failed({
        code: 'invalid-pdf',
        message: `${source} is named .pdf but holds plain text, not a PDF; rename it .txt to read it as text`,
      });
    }
    return { source, ...(await readPdf(bytes, opts.password)) };
  }
  if (binary) {
    return failed({
      code: 'unsupported-format',
      message: `${source} is not text or PDF (detected: ${binary}); convert it to text or PDF first`,
    });
  }
  const { text, errors } = decodeText(bytes);
  return { source, text, pages: null, errors };
}
