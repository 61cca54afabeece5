/**
 * One case on the review page: the triage and its reasons in plain words, the recommendations and
 * warnings (the imaging-only caution first and prominent), the facts, the timeline, and every source
 * document with its findings highlighted.
 */
import type { CaseResult, Evidence, Warning } from '../facts/case-schema.js';
import type { DocumentResult } from '../facts/schema.js';
import { baseName, esc, slug } from './escape.js';
import { type AnchorOf, renderFacts } from './facts-table.js';
import { highlightDocument, spanKey } from './highlight.js';
import { TRIAGE_TEXT, WARNING_TEXT } from './labels.js';
import { legend } from './legend.js';
import { renderTimeline } from './timeline.js';

/** The text of a document (what its span offsets point into), by source. */
export type TextOf = (source: string) => string | undefined;

export const caseAnchor = (c: CaseResult, index: number): string => `case-${index + 1}-${slug(c.caseId)}`;

/** The `because` lines after the first, each linked to the span of its evidence when it was highlighted. */
function reasonList(because: readonly string[], evidence: readonly Evidence[], anchorOf: AnchorOf): string {
  const items = because.slice(1).map((line, i) => {
    const e = evidence[i];
    const href = e?.span ? anchorOf(e.source, e.span.start, e.span.end) : undefined;
    return href ? `<li><a class="jump" href="${esc(href)}">${esc(line)}</a></li>` : `<li>${esc(line)}</li>`;
  });
  return items.length > 0 ? `<ul class="reasons">${items.join('')}</ul>` : '';
}

function warningItem(w: Warning, anchorOf: AnchorOf): string {
  return (
    `<li class="warning w-${esc(w.code)}"><strong>${esc(WARNING_TEXT[w.code] ?? w.code)}</strong> ` +
    `<code>${esc(w.code)}</code><p>${esc(w.message)}</p>${reasonList(w.because, w.evidence, anchorOf)}</li>`
  );
}

function documentMeta(d: DocumentResult): string {
  return [
    d.documentType,
    d.modality?.toUpperCase(),
    d.date ?? 'undated',
    d.patientId ? `patient ${d.patientId}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function renderCase(c: CaseResult, index: number, textOf: TextOf): string {
  const id = caseAnchor(c, index);
  const prefix = `c${index + 1}`;
  const triage = TRIAGE_TEXT[c.triage];

  // Highlight every document first: the reasons and the facts table link into these highlights.
  const anchors = new Map<string, Map<string, string>>();
  const docIds = new Map<string, string>();
  const docs = c.documents.map((d, j) => {
    const docId = `${prefix}d${j + 1}`;
    docIds.set(d.source, docId);
    const text = textOf(d.source) ?? d.text;
    const hl = text === undefined ? null : highlightDocument(text, d, docId);
    if (hl) anchors.set(d.source, hl.anchors);
    const errors = d.errors.map((e) => `<li>${esc(e.code)}: ${esc(e.message)}</li>`).join('');
    const body =
      hl === null
        ? '<p class="muted">The text of this document is not available.</p>'
        : `<pre class="doc-text">${hl.html}</pre>` +
          (hl.skipped > 0
            ? `<p class="muted">${hl.skipped} span(s) did not match the text and are not highlighted.</p>`
            : '');
    return (
      `<article class="doc" id="${docId}" aria-labelledby="${docId}-h"><h4 id="${docId}-h">${esc(baseName(d.source))} ` +
      `<span class="meta">${esc(documentMeta(d))}</span></h4><p class="src">${esc(d.source)} · ${d.findings.length} finding(s), ` +
      `${d.measurements.length} measurement(s)</p>${errors ? `<ul class="errors" role="alert">${errors}</ul>` : ''}${body}</article>`
    );
  });
  const anchorOf: AnchorOf = (source, start, end) => {
    const hit = anchors.get(source)?.get(spanKey(start, end));
    return hit ? `#${hit}` : undefined;
  };

  const imagingOnly = c.warnings.find((w) => w.code === 'imaging-only');
  const otherWarnings = c.warnings.filter((w) => w !== imagingOnly);
  const alert = imagingOnly
    ? `<div class="imaging-only" role="note" aria-label="Imaging-only caution"><p class="big">⚠ Imaging only: do not decide on imaging alone.</p>` +
      `<p>${esc(imagingOnly.message)}</p>${reasonList(imagingOnly.because, imagingOnly.evidence, anchorOf)}</div>`
    : '';
  const caution = c.caution
    ? `<p class="caution" role="note"><strong>Caution:</strong> ${esc(c.caution)}</p>`
    : '';

  const why = c.why
    .map(
      (w) =>
        `<li><strong>${esc(w.because[0] ?? w.rule)}</strong>${reasonList(w.because, w.evidence, anchorOf)}` +
        `<p class="guideline">Guideline: ${esc(w.guideline)}</p></li>`,
    )
    .join('');
  const recs = c.recommendations
    .map(
      (r) =>
        `<li><strong>${esc(r.text)}</strong> <code>${esc(r.id)}</code><p class="muted">${esc(r.because[0] ?? '')}</p></li>`,
    )
    .join('');

  const timeline = renderTimeline(c, prefix, (source) => `#${docIds.get(source) ?? ''}`);
  const undated = timeline.undated.length
    ? `<p class="muted">Undated: ${esc(timeline.undated.map(baseName).join(', '))}</p>`
    : '';
  const timelineBlock = timeline.svg
    ? `<div class="scroll">${timeline.svg}</div><p class="muted small">● clinic note · ■ imaging report · ◆ other document ` +
      `(select a marker to go to its text)</p>${undated}`
    : '<p class="muted">No document of this case is dated.</p>';

  const warningCodes = c.warnings.map((w) => w.code).join(' ');
  return (
    `<section class="case t-${c.triage}" id="${id}" data-triage="${c.triage}" data-warnings="${esc(warningCodes)}" aria-labelledby="${id}-h">` +
    `<header class="case-head"><h2 id="${id}-h"><span class="badge t-${c.triage}">${esc(triage.label)}</span> ${esc(c.caseId)}</h2>` +
    `<p class="summary">${esc(c.summary)}</p><p class="muted">${esc(triage.meaning)} ${c.documents.length} document(s).</p></header>` +
    alert +
    `<div class="cols"><div class="part"><h3 id="${prefix}-why-h">Why this triage</h3>` +
    `<ul class="why">${why || '<li>No rule fired.</li>'}</ul></div>` +
    `<div class="part"><h3 id="${prefix}-rec-h">Recommendations</h3>` +
    `<ul class="recs">${recs || '<li class="muted">None.</li>'}</ul></div></div>` +
    `<div class="part"><h3 id="${prefix}-warn-h">Warnings</h3>${caution}` +
    `<ul class="warnings">${otherWarnings.map((w) => warningItem(w, anchorOf)).join('') || (imagingOnly || caution ? '' : '<li class="muted">None.</li>')}</ul></div>` +
    `<div class="part"><h3 id="${prefix}-facts-h">Facts</h3>${renderFacts(c.facts, anchorOf, prefix)}</div>` +
    `<div class="part"><h3 id="${prefix}-tl-h">Timeline</h3>${timelineBlock}</div>` +
    `<div class="part"><h3 id="${prefix}-docs-h">Documents</h3>${legend()}${docs.join('')}</div>` +
    `<p class="top"><a href="#index">Back to the case list</a></p></section>`
  );
}
