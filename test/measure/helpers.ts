/**
 * Test scaffolding: a document with hand-made sections and a naive sentence split (the real splitter lives
 * in sentences/ and is not needed to test measurement reading).
 */
import type { Section, Sentence, SourceDocument } from '../../src/facts/document.js';
import type { Measurement, SectionName } from '../../src/facts/schema.js';
import { extractMeasurements } from '../../src/measure/index.js';

export interface Part {
  /** Header line written before the body ("HPI:"), or null for text without a header. */
  title: string | null;
  name: SectionName;
  kind: string;
  body: string;
}

export function buildDoc(parts: Part[]): { doc: SourceDocument; sections: Section[]; sentences: Sentence[] } {
  let text = '';
  const sections: Section[] = [];
  for (const p of parts) {
    const start = text.length;
    if (p.title) text += `${p.title}:\n`;
    const bodyStart = text.length;
    text += p.body;
    sections.push({ name: p.name, kind: p.kind, title: p.title, start, bodyStart, end: text.length });
    text += '\n';
  }
  const sentences: Sentence[] = [];
  sections.forEach((s, i) => {
    const body = text.slice(s.bodyStart, s.end);
    const re = /(?<=\.)\s+|\n+/g;
    let from = 0;
    const push = (a: number, b: number) => {
      const raw = body.slice(a, b);
      const lead = raw.length - raw.trimStart().length;
      const t = raw.trim();
      if (t) {
        const start = s.bodyStart + a + lead;
        sentences.push({ start, end: start + t.length, text: t, section: i, levelLabel: null });
      }
    };
    for (let m = re.exec(body); m !== null; m = re.exec(body)) {
      push(from, m.index);
      from = m.index + m[0].length;
    }
    push(from, body.length);
  });
  return { doc: { source: 'test', text, pages: null, errors: [] }, sections, sentences };
}

/** Measurements of a plain text, read as one section of the given kind. */
export function measure(
  body: string,
  kind = 'hpi',
  name: SectionName = 'hpi',
  title: string | null = null,
): Measurement[] {
  const { doc, sections, sentences } = buildDoc([{ title, name, kind, body }]);
  const out = extractMeasurements(doc, sections, sentences);
  for (const m of out) {
    if (doc.text.slice(m.span.start, m.span.end) !== m.span.text)
      throw new Error(`bad span ${JSON.stringify(m.span)}`);
  }
  return out;
}

/** kind:value pairs, compact for assertions. */
export function kv(list: Measurement[]): string[] {
  return list.map((m) => `${m.kind}:${m.value}`);
}
