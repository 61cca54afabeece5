import { execFileSync, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInput } from '../../src/ingest/index.js';
import { codes, collect, makeTempDir } from './helpers.js';

const REPORT = [
  'FINDINGS:',
  'L2: Mild anterior wedge deformity with approximately 20% loss of height, no edema.',
  'L4-5: Broad-based disc bulge with mild bilateral foraminal narrowing.',
  '',
  'IMPRESSION:',
  'Multilevel spondylosis.',
  '',
].join('\n');

describe('readInput on files', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  async function read(name: string, content: string | Uint8Array, opts = {}) {
    const path = join(dir, name);
    await writeFile(path, content);
    return readInput({ source: name, path }, opts);
  }

  it('reads UTF-8 text as is, with null pages', async () => {
    expect(await read('mri.txt', REPORT)).toEqual({
      source: 'mri.txt',
      text: REPORT,
      pages: null,
      errors: [],
    });
  });

  it('normalises CRLF files so offsets index the LF text', async () => {
    const doc = await read('crlf.txt', REPORT.replaceAll('\n', '\r\n'));
    expect(doc.text).toBe(REPORT);
    expect(doc.text.slice(doc.text.indexOf('L4-5'), doc.text.indexOf('L4-5') + 4)).toBe('L4-5');
  });

  it('decodes UTF-16 LE files with a BOM and strips NUL bytes from UTF-8 exports', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, 'utf16le')]);
    expect((await read('u16.txt', utf16)).text).toBe(REPORT);
    const withNul = Buffer.from('IMPRESSION:\0\nNo acute fracture.\0\n');
    expect(await read('nul.txt', withNul)).toMatchObject({
      text: 'IMPRESSION:\nNo acute fracture.\n',
      errors: [],
    });
  });

  it('refuses binary files by content, also under a text name', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const doc = await read('xray.txt', png);
    expect(doc).toMatchObject({ text: '', pages: null });
    expect(codes(doc)).toEqual(['unsupported-format']);
    expect(doc.errors[0]!.message).toContain('PNG image');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);
    expect(codes(await read('bundle', zip))).toEqual(['unsupported-format']);
  });

  it('gives empty for a zero-byte file, but reads a whitespace-only file without error', async () => {
    const empty = await read('empty.txt', '');
    expect(codes(empty)).toEqual(['empty']);
    const blank = await read('blank.txt', '  \r\n\t\n');
    expect(blank).toMatchObject({ text: '  \n\t\n', errors: [] });
  });

  it('refuses a file over maxBytes with its size and the limit, without cutting it', async () => {
    const doc = await read('long.txt', REPORT.repeat(10), { maxBytes: 100 });
    expect(doc.text).toBe('');
    expect(codes(doc)).toEqual(['too-large']);
    expect(doc.errors[0]!.message).toContain(`${REPORT.length * 10} bytes`);
    expect(doc.errors[0]!.message).toContain('100 bytes');
    expect(codes(await read('fits.txt', REPORT, { maxBytes: REPORT.length }))).toEqual([]);
  });

  it('reads a file of exactly maxBytes whole, and a large file in full', async () => {
    const big = REPORT.repeat(2000);
    const doc = await read('big.txt', big, { maxBytes: big.length });
    expect(codes(doc)).toEqual([]);
    expect(doc.text).toBe(big);
  });

  // Regular files are read with blocking calls; anything else must keep the streaming path, where opening a
  // FIFO waits for its writer without stalling the event loop.
  it.skipIf(process.platform === 'win32')('reads a named pipe through to its end', async () => {
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `sleep 0.2; printf '%s' "$0" > "$1"`, REPORT, fifo]);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const doc = await readInput({ source: 'report.fifo', path: fifo });
    clearInterval(timer);
    writer.kill();
    expect(codes(doc)).toEqual([]);
    expect(doc.text).toBe(REPORT);
    expect(ticks).toBeGreaterThan(2);
  });

  it('turns a whole folder into one document per file, bad ones included, in order', async () => {
    await writeFile(join(dir, 'a.txt'), REPORT);
    await writeFile(join(dir, 'b.txt'), '');
    await writeFile(join(dir, 'c.md'), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]));
    await writeFile(join(dir, 'd.pdf'), 'this is not a PDF at all');
    await writeFile(join(dir, 'e'), 'PLAN: Physical therapy for 6 weeks.\n');
    const docs = await collect([dir]);
    expect(docs.map((d) => [d.source.slice(dir.length + 1), codes(d)])).toEqual([
      ['a.txt', []],
      ['b.txt', ['empty']],
      ['c.md', ['unsupported-format']],
      ['d.pdf', ['invalid-pdf']],
      ['e', []],
    ]);
  });
});

describe('readInput on stdin', () => {
  it("reads all of stdin as one document named '<stdin>'", async () => {
    const stdin = Readable.from([Buffer.from('IMPRESSION:\r\n'), Buffer.from('Mild L2 height loss.')]);
    const docs = await collect(['-'], { stdin });
    expect(docs).toEqual([
      { source: '<stdin>', text: 'IMPRESSION:\nMild L2 height loss.', pages: null, errors: [] },
    ]);
  });

  it('applies maxBytes and the empty check to stdin too', async () => {
    const big = await readInput(
      { source: '<stdin>', path: null },
      { stdin: Readable.from(['x'.repeat(50)]), maxBytes: 10 },
    );
    expect(codes(big)).toEqual(['too-large']);
    const none = await readInput({ source: '<stdin>', path: null }, { stdin: Readable.from([]) });
    expect(codes(none)).toEqual(['empty']);
  });
});
