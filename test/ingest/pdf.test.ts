import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocuments, readInput, repeatedPageLines } from '../../src/ingest/index.js';
import { PAGE_JOINER } from '../../src/ingest/pdf.js';
import { codes, makePdf, makeTempDir } from './helpers.js';

const PAGE1 = 'FINDINGS: Mild loss of height of the L2 vertebral body.';
const PAGE2 = 'IMPRESSION: Multilevel lumbar spondylosis.';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterAll(() => cleanup());

async function readPdfFile(name: string, bytes: Uint8Array, opts = {}) {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return readInput({ source: name, path }, opts);
}

describe('PDF ingestion', () => {
  it('reads a two-page PDF with page spans into the joined text', async () => {
    const pdf = await makePdf((d) => {
      d.text('Patient: DOE, JANE   Page 1 of 2');
      d.text(PAGE1);
      d.addPage();
      d.text('Patient: DOE, JANE   Page 2 of 2');
      d.text(PAGE2);
    });
    const doc = await readPdfFile('two-page.pdf', pdf);
    expect(doc.errors).toEqual([]);
    expect(doc.pages).toHaveLength(2);
    const [p1, p2] = doc.pages!;
    expect(p1!.num).toBe(1);
    expect(p2!.num).toBe(2);
    expect(p1!.start).toBe(0);
    expect(doc.text.slice(p1!.end, p2!.start)).toBe(PAGE_JOINER);
    expect(p2!.end).toBe(doc.text.length);
    const page1 = doc.text.slice(p1!.start, p1!.end);
    const page2 = doc.text.slice(p2!.start, p2!.end);
    expect(page1).toContain(PAGE1);
    expect(page2).toContain(PAGE2);
    expect(page1).not.toContain('IMPRESSION');

    // The running banner and page footer are found on both pages, the findings are not.
    const repeated = repeatedPageLines(doc).map((r) => doc.text.slice(r.start, r.end));
    expect(repeated).toEqual(['Patient: DOE, JANE Page 1 of 2', 'Patient: DOE, JANE Page 2 of 2']);
  });

  it('treats a .pdf that is not a PDF, and a truncated PDF, as invalid-pdf', async () => {
    const garbage = await readPdfFile('garbage.pdf', Buffer.from('\x01\x02 definitely not a pdf \xff'));
    expect(codes(garbage)).toEqual(['invalid-pdf']);
    const full = await makePdf((d) => d.text(PAGE1));
    const truncated = await readPdfFile('truncated.pdf', full.subarray(0, Math.floor(full.length / 2)));
    expect(truncated).toMatchObject({ text: '', pages: null });
    expect(codes(truncated)).toEqual(['invalid-pdf']);
    const jpeg = await readPdfFile('scan.pdf', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]));
    expect(jpeg.errors).toEqual([
      { code: 'invalid-pdf', message: 'scan.pdf is named .pdf but is a JPEG image' },
    ]);
  });

  it('reads PDF bytes by their header even under another name', async () => {
    const pdf = await makePdf((d) => d.text(PAGE2));
    const doc = await readPdfFile('report.dat', pdf);
    expect(doc.errors).toEqual([]);
    expect(doc.text).toContain(PAGE2);
  });

  it('reports an encrypted PDF and reads it with the password', async () => {
    const pdf = await makePdf((d) => d.text(PAGE1), {
      userPassword: 'spine',
      ownerPassword: 'owner',
      pdfVersion: '1.7',
    });
    expect(codes(await readPdfFile('locked.pdf', pdf))).toEqual(['encrypted']);
    const wrong = await readPdfFile('locked.pdf', pdf, { password: 'lumbar' });
    expect(codes(wrong)).toEqual(['encrypted']);
    expect(wrong.errors[0]!.message).toContain('not accepted');
    const opened = await readPdfFile('locked.pdf', pdf, { password: 'spine' });
    expect(opened.errors).toEqual([]);
    expect(opened.text).toContain(PAGE1);
  });

  it('says an image-only PDF needs OCR instead of returning empty text silently', async () => {
    const pdf = await makePdf((d) => {
      d.rect(72, 72, 300, 400).fill('#777777');
      d.addPage();
      d.circle(200, 200, 80).fill('#333333');
    });
    const doc = await readPdfFile('scan.pdf', pdf);
    expect(doc).toMatchObject({ text: '', pages: null });
    expect(codes(doc)).toEqual(['needs-ocr']);
    expect(doc.errors[0]!.message).toContain('2 page');
  });

  it('keeps the text of a PDF with one text-less page and names that page', async () => {
    const pdf = await makePdf((d) => {
      d.text(PAGE1);
      d.addPage();
      d.rect(72, 72, 300, 400).fill('#777777');
    });
    const doc = await readPdfFile('half-scan.pdf', pdf);
    expect(doc.text).toContain(PAGE1);
    expect(doc.pages).toHaveLength(2);
    expect(codes(doc)).toEqual(['needs-ocr']);
    expect(doc.errors[0]!.message).toContain('page 2 of 2');
  });
});

describe('repeatedPageLines', () => {
  const paged = (pages: string[]) => {
    let text = '';
    const spans = pages.map((p, i) => {
      if (i > 0) text += PAGE_JOINER;
      const start = text.length;
      text += p;
      return { num: i + 1, start, end: text.length };
    });
    return { text, pages: spans };
  };

  it('needs two thirds of the pages and lets only the page number vary', () => {
    const doc = paged([
      'Spine Imaging Center\nL1-2: No stenosis.\nPage 1 of 3',
      'Spine Imaging Center\nL2-3: No stenosis.\nPage 2 of 3',
      'L3-4: No stenosis.\nAddendum\nPage 3 of 3',
    ]);
    const lines = repeatedPageLines(doc).map((r) => doc.text.slice(r.start, r.end));
    expect(lines).toEqual([
      'Spine Imaging Center',
      'Page 1 of 3',
      'Spine Imaging Center',
      'Page 2 of 3',
      'Page 3 of 3',
    ]);
  });

  it('returns nothing for single-page and unpaged documents', () => {
    expect(repeatedPageLines(paged(['Page 1\nNo fracture.']))).toEqual([]);
    expect(repeatedPageLines({ text: 'Page 1\nPage 1', pages: null })).toEqual([]);
  });
});

describe('committed samples', () => {
  it('reads each sample PDF to the same words as the text beside it', async () => {
    const base = join(import.meta.dirname, '..', '..', 'samples', 'pdf');
    const docs = new Map<string, string>();
    for await (const d of readDocuments([base])) {
      expect(d.errors).toEqual([]);
      docs.set(d.source.slice(base.length + 1), d.text);
    }
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    for (const name of ['lumbar-mri-report', 'clinic-note-back-pain']) {
      const txt = await readFile(join(base, `${name}.txt`), 'utf8');
      expect(docs.get(`${name}.txt`)).toBe(txt);
      expect(words(docs.get(`${name}.pdf`)!)).toEqual(words(txt));
    }
  });
});
