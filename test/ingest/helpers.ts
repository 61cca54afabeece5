import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { SourceDocument } from '../../src/facts/document.js';
import { readDocuments } from '../../src/ingest/index.js';
import type { IngestOptions } from '../../src/ingest/options.js';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'spinex-ingest-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Build a PDF in memory with pdfkit; `draw` adds the content. */
export function makePdf(
  draw: (doc: PDFKit.PDFDocument) => void,
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ info: { CreationDate: new Date(Date.UTC(2024, 0, 1)) }, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

export async function collect(paths: string[], opts?: IngestOptions): Promise<SourceDocument[]> {
  const out: SourceDocument[] = [];
  for await (const doc of readDocuments(paths, opts)) out.push(doc);
  return out;
}

export const codes = (doc: SourceDocument): string[] => doc.errors.map((e) => e.code);
