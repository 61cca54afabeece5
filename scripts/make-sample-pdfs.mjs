#!/usr/bin/env node
// Render every samples/pdf/*.txt to a PDF beside it (same name, .pdf), so text and PDF ingestion of the same
// report can be compared. The .txt files are the source of truth; rerun after editing one:
//   node scripts/make-sample-pdfs.mjs
// Output is byte-stable: a fixed creation date makes pdfkit's document ID and metadata reproducible.
import { createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples', 'pdf');
const FIXED_DATE = new Date(Date.UTC(2024, 3, 2, 12, 0, 0));

function render(text, out, title) {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: 60, bottom: 60, left: 64, right: 64 },
      info: {
        Title: title,
        Producer: 'spinex sample generator',
        Creator: 'spinex',
        CreationDate: FIXED_DATE,
      },
    });
    const stream = createWriteStream(out);
    stream.on('finish', resolve);
    stream.on('error', reject);
    doc.pipe(stream);
    const [first, ...rest] = text.replace(/\r\n?/g, '\n').trimEnd().split('\n');
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(first ?? '');
    doc.moveDown(0.5);
    doc.font('Helvetica').fontSize(10);
    for (const line of rest) {
      if (line.trim() === '') doc.moveDown(0.5);
      else doc.text(line, { lineGap: 1.5 });
    }
    doc.end();
  });
}

const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
for (const name of names) {
  const stem = basename(name, '.txt');
  const text = await readFile(join(dir, name), 'utf8');
  await render(text, join(dir, `${stem}.pdf`), stem);
  console.log(`samples/pdf/${stem}.pdf`);
}
