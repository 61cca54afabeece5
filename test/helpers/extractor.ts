import type { SourceDocument } from '../../src/facts/document.js';
import type { DocumentResult } from '../../src/facts/schema.js';
import { normaliseText } from '../../src/ingest/index.js';
import { createExtractorSync, type Extractor } from '../../src/pipeline/index.js';

let shared: Extractor | null = null;

/** One extractor for the whole test file (lexicons compile once). */
export function extractor(): Extractor {
  shared ??= createExtractorSync();
  return shared;
}

export function textDocument(text: string, source = 'test.txt'): SourceDocument {
  return { source, text: normaliseText(text), pages: null, errors: [] };
}

export function extractText(text: string, source?: string): DocumentResult {
  return extractor().extract(textDocument(text, source));
}

/** "concept/assertion" keys of a result, for compact assertions in tests. */
export function findingKeys(result: DocumentResult): string[] {
  return result.findings.map((f) => `${f.concept}/${f.assertion}`).sort();
}

export function finding(result: DocumentResult, concept: string, assertion = 'present') {
  return result.findings.find((f) => f.concept === concept && f.assertion === assertion);
}
