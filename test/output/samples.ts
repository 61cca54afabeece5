/** The sample reports and cases run the way the CLI runs them (`extract`, `batch --group-by dir`). */
import type { CaseDocument } from '../../src/case/merge.js';
import type { CaseResult } from '../../src/facts/case-schema.js';
import type { DocumentResult } from '../../src/facts/schema.js';
import { runCases } from '../../src/guideline/index.js';
import { readDocuments } from '../../src/ingest/index.js';
import { extractor } from '../helpers/extractor.js';

async function read(paths: string[]): Promise<CaseDocument[]> {
  const docs: CaseDocument[] = [];
  for await (const doc of readDocuments(paths))
    docs.push({ result: extractor().extract(doc), text: doc.text });
  return docs;
}

let reports: Promise<DocumentResult[]> | null = null;
let cases: Promise<CaseResult[]> | null = null;

/** Every sample report and PDF (golden reports, PDFs and the documents of the cases). */
export function sampleDocuments(): Promise<DocumentResult[]> {
  reports ??= read(['samples/reports', 'samples/pdf', 'samples/cases']).then((d) => d.map((x) => x.result));
  return reports;
}

/** One CaseResult per folder of samples/cases. */
export function sampleCases(): Promise<CaseResult[]> {
  cases ??= read(['samples/cases']).then((docs) => runCases(docs, 'dir'));
  return cases;
}
