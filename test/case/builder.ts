/**
 * Builds DocumentResults by hand for the case and guideline tests, so they do not depend on the
 * extractor: each sentence is appended to a document text, and findings and measurements point into
 * it with real offsets (text.slice(start, end) === span.text).
 */
import type { CaseDocument } from '../../src/case/merge.js';
import type {
  Assertion,
  DocumentResult,
  Finding,
  Measurement,
  MeasurementKind,
  Mention,
  SectionName,
  Severity,
} from '../../src/facts/schema.js';
import { CONTRACT_CONCEPTS } from '../helpers/contract.js';

const IMAGING = new Set(CONTRACT_CONCEPTS.imaging);
const TREATMENT = new Set(CONTRACT_CONCEPTS.treatment);

export interface FindingSpec {
  concept: string;
  /** The phrase inside the sentence (first occurrence). */
  phrase: string;
  assertion?: Assertion;
  levels?: string[];
  severity?: Severity;
  historical?: boolean;
  multilevel?: boolean;
}

export interface MeasureSpec {
  kind: MeasurementKind;
  value: number;
  phrase: string;
  max?: number;
}

export const f = (
  concept: string,
  phrase: string,
  extra: Omit<FindingSpec, 'concept' | 'phrase'> = {},
): FindingSpec => ({
  concept,
  phrase,
  ...extra,
});
export const m = (kind: MeasurementKind, value: number, phrase: string, max?: number): MeasureSpec => ({
  kind,
  value,
  phrase,
  ...(max !== undefined ? { max } : {}),
});

interface DocMeta {
  type: DocumentResult['documentType'];
  date?: string | null;
  patientId?: string | null;
  modality?: DocumentResult['modality'];
}

interface Built extends Mention {
  concept: string;
  multilevel: boolean;
}

export class DocBuilder {
  private text = '';
  private mentions: Built[] = [];
  private measurements: Measurement[] = [];
  private sections: DocumentResult['sections'] = [];

  constructor(
    readonly source: string,
    private readonly meta: DocMeta,
  ) {}

  /** Add a sentence in `section` with the findings and measurements it states. */
  say(section: SectionName, sentence: string, items: Array<FindingSpec | MeasureSpec> = []): this {
    if (this.sections.length === 0 || this.sections[this.sections.length - 1]!.name !== section) {
      const title = section.toUpperCase();
      this.text += `${title}:\n`;
      this.sections.push({
        name: section,
        kind: section,
        title,
        start: this.text.length - title.length - 2,
        end: 0,
      });
    }
    const start = this.text.length;
    this.text += `${sentence}\n`;
    this.sections[this.sections.length - 1]!.end = this.text.length;
    const sent = { start, end: start + sentence.length, text: sentence };
    for (const item of items) {
      const at = sentence.indexOf(item.phrase);
      if (at < 0) throw new Error(`"${item.phrase}" is not in "${sentence}"`);
      const span = { start: start + at, end: start + at + item.phrase.length, text: item.phrase };
      if ('kind' in item) {
        this.measurements.push({
          kind: item.kind,
          value: item.value,
          max: item.max ?? null,
          span,
          section,
          sentence,
        });
        continue;
      }
      const assertion = item.assertion ?? 'present';
      const historical = item.historical ?? assertion === 'historical';
      this.mentions.push({
        concept: item.concept,
        multilevel: item.multilevel ?? false,
        span,
        sentence: sent,
        section,
        sectionTitle: section.toUpperCase(),
        page: null,
        levels: item.levels ?? [],
        severity: item.severity ?? null,
        modifiers: {
          negated: assertion === 'absent',
          possible: assertion === 'possible',
          historical,
          hypothetical: assertion === 'hypothetical',
          family: assertion === 'family',
        },
        assertion,
        cues: [],
      });
    }
    return this;
  }

  build(): CaseDocument {
    const groups = new Map<string, Built[]>();
    for (const mention of this.mentions) {
      const key = `${mention.concept}|${mention.assertion}`;
      groups.set(key, [...(groups.get(key) ?? []), mention]);
    }
    const findings: Finding[] = [...groups.values()].map((ms) => {
      const first = ms[0]!;
      const levels = [...new Set(ms.flatMap((x) => x.levels))];
      const category = IMAGING.has(first.concept)
        ? 'imaging'
        : TREATMENT.has(first.concept)
          ? 'treatment'
          : 'clinical';
      return {
        concept: first.concept,
        label: first.concept.replace(/_/g, ' '),
        category,
        assertion: first.assertion,
        modifiers: first.modifiers,
        levels,
        region: [],
        multilevel: ms.some((x) => x.multilevel) || levels.length >= 2,
        severity: first.severity,
        acuity: null,
        percent: null,
        genantGrade: null,
        section: first.section,
        span: first.span,
        sentence: first.sentence.text,
        page: null,
        cues: [],
        codes: [],
        mentions: ms.map(({ concept: _c, multilevel: _m, ...mention }) => mention),
      };
    });
    const result: DocumentResult = {
      schemaVersion: '1.0.0',
      source: this.source,
      documentType: this.meta.type,
      modality: this.meta.modality ?? null,
      date: this.meta.date ?? null,
      patientId: this.meta.patientId ?? null,
      findings,
      measurements: this.measurements,
      sections: this.sections,
      errors: [],
    };
    return { result, text: this.text };
  }
}

export const clinic = (source: string, date: string | null = null, patientId: string | null = null) =>
  new DocBuilder(source, { type: 'clinic', date, patientId });
export const radiology = (
  source: string,
  modality: DocumentResult['modality'],
  date: string | null = null,
  patientId: string | null = null,
) => new DocBuilder(source, { type: 'radiology', modality, date, patientId });

/** The same document without its text: the case stage then reads mention sentences only. */
export const withoutText = (d: CaseDocument): CaseDocument => ({ result: d.result });
