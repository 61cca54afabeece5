/**
 * A document's text with every finding mention and measurement highlighted. Mentions may overlap
 * ("5 months of numbness" is a duration and contains the finding "numbness"), so the text is cut at
 * every span boundary into flat segments, each marked with all the spans that cover it: no nesting to
 * untangle, and one sweep over the sorted boundaries.
 */
import type { Cue, DocumentResult } from '../facts/schema.js';
import { esc } from './escape.js';
import { CUE_TEXT, measureLabel } from './labels.js';

interface Item {
  start: number;
  end: number;
  /** Index among the highlighted spans of this document (cues have -1). */
  n: number;
  kind: 'finding' | 'measure' | 'cue';
  /** Assertion of a finding mention; `measure` for a measurement. */
  cls: string;
  tip: string;
}

export interface HighlightedDocument {
  /** Escaped text with `<mark>` segments, for a `white-space: pre-wrap` block. */
  html: string;
  /** `start:end` of a mention or measurement span → id of the element where that span begins. */
  anchors: Map<string, string>;
  /** Spans highlighted. */
  placed: number;
  /** Spans whose offsets do not match the text (left unhighlighted rather than highlighted wrongly). */
  skipped: number;
}

export const spanKey = (start: number, end: number): string => `${start}:${end}`;

function fits(text: string, start: number, end: number, expected: string | undefined): boolean {
  return (
    start >= 0 &&
    end > start &&
    end <= text.length &&
    (expected === undefined || text.slice(start, end) === expected)
  );
}

function cueLine(cues: readonly Cue[]): string {
  if (cues.length === 0) return 'Cue: none (no trigger, so stated as present)';
  return cues.map((c) => `Cue (${CUE_TEXT[c.category] ?? c.category}): "${c.text}"`).join('\n');
}

function collect(text: string, doc: DocumentResult): { items: Item[]; skipped: number } {
  const items: Item[] = [];
  let skipped = 0;
  let n = 0;
  const seenCues = new Set<string>();
  for (const f of doc.findings) {
    for (const m of f.mentions) {
      if (!fits(text, m.span.start, m.span.end, m.span.text)) {
        skipped++;
        continue;
      }
      const tip = [
        `${f.label} (${f.concept})`,
        `Assertion: ${m.assertion}`,
        `Levels: ${m.levels.length > 0 ? m.levels.join(', ') : 'none stated'}`,
        `Severity: ${m.severity ?? 'not stated'}`,
        `Section: ${m.sectionTitle ?? m.section}`,
        cueLine(m.cues),
      ].join('\n');
      items.push({ start: m.span.start, end: m.span.end, n: n++, kind: 'finding', cls: m.assertion, tip });
      for (const c of m.cues) {
        const key = spanKey(c.start, c.end);
        // A section default points at a header, not at words that decided anything in the sentence.
        if (c.category === 'section' || seenCues.has(key) || !fits(text, c.start, c.end, c.text)) continue;
        seenCues.add(key);
        items.push({ start: c.start, end: c.end, n: -1, kind: 'cue', cls: 'cue', tip: '' });
      }
    }
  }
  for (const m of doc.measurements) {
    if (!fits(text, m.span.start, m.span.end, m.span.text)) {
      skipped++;
      continue;
    }
    const value = `${m.value}${m.max ? `/${m.max}` : ''}${m.unit ? ` ${m.unit}` : ''}`;
    const tip = [
      `${measureLabel(m.kind)}: ${value}`,
      m.band ? `Band: ${m.band}` : '',
      `Measurement (${m.kind})`,
    ]
      .filter(Boolean)
      .join('\n');
    items.push({ start: m.span.start, end: m.span.end, n: n++, kind: 'measure', cls: 'measure', tip });
  }
  return { items, skipped };
}

/** Highlight one document's text; element ids start with `idPrefix` (unique per document on the page). */
export function highlightDocument(text: string, doc: DocumentResult, idPrefix: string): HighlightedDocument {
  const { items, skipped } = collect(text, doc);
  const anchors = new Map<string, string>();
  const bounds = [...new Set(items.flatMap((i) => [i.start, i.end]))].sort((a, b) => a - b);
  const byStart = [...items].sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let active: Item[] = [];
  let next = 0;
  let pos = 0;

  const segment = (from: number, to: number): string => {
    const piece = esc(text.slice(from, to));
    const marks = active.filter((i) => i.kind !== 'cue');
    const cue = active.some((i) => i.kind === 'cue');
    if (marks.length === 0) return cue ? `<span class="cue">${piece}</span>` : piece;
    // The innermost span decides the colour: it is the most specific claim about these words.
    const primary = marks.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
    const starting = marks.filter((i) => i.start === from);
    const classes = ['hl', `a-${primary.cls}`];
    if (marks.length > 1) classes.push('ov');
    if (cue) classes.push('has-cue');
    let idAttr = '';
    if (starting.length > 0) {
      const id = `${idPrefix}-m${starting[0]!.n}`;
      idAttr = ` id="${id}" tabindex="0"`;
      for (const s of starting)
        anchors.set(spanKey(s.start, s.end), anchors.get(spanKey(s.start, s.end)) ?? id);
    }
    const ids = marks.map((i) => `${idPrefix}-m${i.n}`).join(' ');
    const tip = marks.map((i) => i.tip).join('\n\n');
    return `<mark class="${classes.join(' ')}"${idAttr} data-a="${esc(primary.cls)}" data-m="${esc(ids)}" data-tip="${esc(tip)}">${piece}</mark>`;
  };

  for (const b of bounds) {
    if (b > pos) {
      out.push(segment(pos, b));
      pos = b;
    }
    active = active.filter((i) => i.end > b);
    while (next < byStart.length && byStart[next]!.start === b) active.push(byStart[next++]!);
  }
  out.push(esc(text.slice(pos)));
  return { html: out.join(''), anchors, placed: items.filter((i) => i.kind !== 'cue').length, skipped };
}
