/**
 * PDF → text with page spans, through pdf-parse v2 (pdf.js). Loaded lazily: importing it costs ~115 ms and
 * most runs never meet a PDF.
 */
import type { PageSpan, SourceDocument } from '../facts/document.js';
import type { ResultError } from '../facts/schema.js';
import { normaliseText } from './decode.js';

/** Between pages: a blank line, so the sentence splitter sees a paragraph break and no sentence spans pages. */
export const PAGE_JOINER = '\n\n';

type PdfParseModule = typeof import('pdf-parse');
let pdfModule: Promise<PdfParseModule> | null = null;
const loadPdfParse = (): Promise<PdfParseModule> => {
  pdfModule ??= import('pdf-parse');
  return pdfModule;
};

function describePages(nums: number[]): string {
  return nums.length === 1 ? `page ${nums[0]}` : `pages ${nums.join(', ')}`;
}

/** Text and page spans of a PDF; every failure becomes an error record, never a throw. */
export async function readPdf(
  bytes: Uint8Array,
  password?: string,
): Promise<Pick<SourceDocument, 'text' | 'pages' | 'errors'>> {
  const fail = (code: string, message: string) => ({ text: '', pages: null, errors: [{ code, message }] });
  let mod: PdfParseModule;
  try {
    mod = await loadPdfParse();
  } catch (err) {
    return fail('invalid-pdf', `cannot load the PDF reader (pdf-parse): ${(err as Error).message}`);
  }
  // pdf.js detaches the buffer it is given; hand it a copy so the caller's bytes stay usable.
  const parser = new mod.PDFParse({ data: new Uint8Array(bytes), password, verbosity: 0 });
  let pageTexts: { num: number; text: string }[];
  try {
    pageTexts = (await parser.getText()).pages;
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    if (err instanceof mod.PasswordException) {
      return password === undefined
        ? fail('encrypted', 'the PDF is password-protected; give its password to read it')
        : fail(
            'encrypted',
            `the PDF is password-protected and the password given was not accepted (${message})`,
          );
    }
    if (err instanceof mod.InvalidPDFException) return fail('invalid-pdf', `not a readable PDF: ${message}`);
    return fail('invalid-pdf', `the PDF could not be parsed: ${message}`);
  } finally {
    await parser.destroy().catch(() => undefined);
  }

  const errors: ResultError[] = [];
  const pages: PageSpan[] = [];
  const parts: string[] = [];
  const blank: number[] = [];
  let offset = 0;
  for (const [i, page] of pageTexts.entries()) {
    if (i > 0) offset += PAGE_JOINER.length;
    const text = normaliseText(page.text);
    if (text.trim() === '') blank.push(page.num);
    parts.push(text);
    pages.push({ num: page.num, start: offset, end: offset + text.length });
    offset += text.length;
  }
  if (pageTexts.length === 0) return fail('invalid-pdf', 'the PDF has no pages');
  if (blank.length === pageTexts.length) {
    return fail(
      'needs-ocr',
      `no text layer on any of the ${pageTexts.length} page(s): a scanned or image-only PDF needs OCR first`,
    );
  }
  if (blank.length > 0) {
    // A blank page cannot be told from a scanned one without rendering it; say so rather than guess.
    errors.push({
      code: 'needs-ocr',
      message: `${describePages(blank)} of ${pageTexts.length} had no text (blank, or scanned and needing OCR); the other pages were read`,
    });
  }
  return { text: parts.join(PAGE_JOINER), pages, errors };
}

interface EdgeLine {
  key: string;
  start: number;
  end: number;
}

/** Lines per page edge considered as running header/footer candidates. */
const EDGE_LINES = 3;

function edgeLines(text: string, span: PageSpan): EdgeLine[] {
  const lines: EdgeLine[] = [];
  let pos = span.start;
  while (pos <= span.end) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > span.end) nl = span.end;
    const raw = text.slice(pos, nl);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') {
      const key = trimmed.replace(/\s+/g, ' ');
      lines.push({
        key,
        start: pos + lead,
        end: pos + lead + trimmed.length,
      });
    }
    pos = nl + 1;
  }
  if (lines.length <= 2 * EDGE_LINES) return lines;
  return [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)];
}

/**
 * The line with one occurrence of its page number replaced by "#", once per occurrence: "Page 2 of 2" on
 * page 2 gives "Page # of 2" and "Page 2 of #". Other numbers stay literal, so "L2-3: …" on page 2 and
 * "L3-4: …" on page 3 never share a key.
 */
function pageNumberKeys(line: string, num: number): string[] {
  const keys: string[] = [];
  const page = String(num);
  for (const m of line.matchAll(/\d+/g)) {
    if (m[0] === page) keys.push(line.slice(0, m.index) + '#' + line.slice(m.index + m[0].length));
  }
  return keys;
}

/**
 * Running headers and footers of a paged document: lines among the first or last three of a page that recur
 * on at least two thirds of the pages (and on two pages at least). A line recurs either verbatim (a patient
 * banner) or with only its page number changed ("Page 2 of 3"); a line whose other numbers change (level
 * lines such as "L3-4: No stenosis." / "L4-5: No stenosis.") is never taken for a footer. Returns the line
 * extents (trimmed) in text order; the text itself is left as it is.
 */
export function repeatedPageLines(
  doc: Pick<SourceDocument, 'text' | 'pages'>,
): { start: number; end: number }[] {
  const pages = doc.pages;
  if (!pages || pages.length < 2) return [];
  const need = Math.max(2, Math.ceil((pages.length * 2) / 3));
  // Keyed by line text: the pages it is on, and every copy of it.
  const groups = new Map<string, { pages: Set<number>; lines: EdgeLine[] }>();
  const add = (key: string, page: number, line: EdgeLine) => {
    let group = groups.get(key);
    if (!group) {
      group = { pages: new Set(), lines: [] };
      groups.set(key, group);
    }
    group.pages.add(page);
    group.lines.push(line);
  };
  for (const span of pages) {
    for (const line of edgeLines(doc.text, span)) {
      add(`=${line.key}`, span.num, line);
      for (const key of pageNumberKeys(line.key, span.num)) add(`#${key}`, span.num, line);
    }
  }
  const found = new Map<number, { start: number; end: number }>();
  for (const group of groups.values()) {
    if (group.pages.size < need) continue;
    for (const line of group.lines) found.set(line.start, { start: line.start, end: line.end });
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}
