/**
 * The intermediate shapes that flow between the extraction stages (not part of the output contract).
 * Offsets are always into `SourceDocument.text`.
 */
import type { ResultError, SectionName } from './schema.js';

export interface PageSpan {
  /** 1-based page number. */
  num: number;
  start: number;
  end: number;
}

/** ingest → everything: the text every offset points into. */
export interface SourceDocument {
  source: string;
  text: string;
  /** Page boundaries for paged input (PDF), null for plain text. */
  pages: PageSpan[] | null;
  errors: ResultError[];
}

/** sections → sentences, context, measure. */
export interface Section {
  /** Contract section name. */
  name: SectionName;
  /**
   * Finer kind used for context defaults: e.g. `family_history`, `past_history`, `indication`,
   * `return_precautions`, `findings`, `impression`, `plan`, `exam`, `hpi`, `medications`, `other`.
   */
  kind: string;
  /** Header as written, null for text before the first header. */
  title: string | null;
  /** Start of the header (or of the text for the preamble). */
  start: number;
  /** Start of the body (after the header and its colon). */
  bodyStart: number;
  end: number;
}

/** sentences → match, context, measure. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Index into the document's Section[]. */
  section: number;
  /**
   * When the sentence sits in a level-by-level paragraph ("L3-4: mild bulge ..."), the level label of
   * that paragraph as written, with its offsets; match/ normalises and attaches it.
   */
  levelLabel: { text: string; start: number; end: number } | null;
}
