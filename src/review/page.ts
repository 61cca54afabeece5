/**
 * The review page: one self-contained HTML file (inline style and script, no request of any kind,
 * enforced by its Content-Security-Policy) with the cases sorted by triage, filters, a search box
 * and one section per case.
 */
import { createHash } from 'node:crypto';
import { type CaseResult, TRIAGE_LEVELS, WARNING_CODES } from '../facts/case-schema.js';
import { caseAnchor, renderCase, type TextOf } from './case-section.js';
import { reviewClient } from './client.js';
import { esc } from './escape.js';
import { TRIAGE_TEXT, WARNING_TEXT } from './labels.js';
import { legend } from './legend.js';
import { STYLES } from './styles.js';

export interface ReviewPageOptions {
  /** Page title (default "spinex review"). */
  title?: string;
  /** Shown in the header; omit for a reproducible page. */
  generatedAt?: string;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Urgent first, then by case id. */
export function sortCases(cases: readonly CaseResult[]): CaseResult[] {
  return [...cases].sort(
    (a, b) =>
      TRIAGE_LEVELS.indexOf(a.triage) - TRIAGE_LEVELS.indexOf(b.triage) || byName.compare(a.caseId, b.caseId),
  );
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

function controls(cases: readonly CaseResult[]): string {
  const triage = TRIAGE_LEVELS.map((t) => {
    const n = cases.filter((c) => c.triage === t).length;
    return `<label><input type="checkbox" name="triage" value="${t}" checked> <span class="badge t-${t}">${esc(TRIAGE_TEXT[t].label)}</span> (${n})</label>`;
  }).join('');
  const withAny = cases.filter((c) => c.warnings.length > 0).length;
  const codes = WARNING_CODES.map((w) => {
    const n = cases.filter((c) => c.warnings.some((x) => x.code === w)).length;
    return `<option value="${w}">${esc(WARNING_TEXT[w])} (${n})</option>`;
  }).join('');
  return (
    '<form id="filters" class="controls" role="search" aria-label="Filter cases">' +
    `<fieldset><legend>Triage</legend>${triage}</fieldset>` +
    `<div class="field"><label for="f-warning">Warning</label><select id="f-warning"><option value="">All cases</option>` +
    `<option value="any">Any warning (${withAny})</option><option value="none">No warning (${cases.length - withAny})</option>${codes}</select></div>` +
    '<div class="field"><label for="f-search">Search</label><input type="search" id="f-search" ' +
    'placeholder="case, finding or any word" autocomplete="off"></div>' +
    `<p id="f-status" role="status" aria-live="polite">Showing ${cases.length} of ${cases.length} cases</p></form>`
  );
}

function index(sorted: readonly CaseResult[]): string {
  const items = sorted.map((c, i) => {
    const id = caseAnchor(c, i);
    const warnings = c.warnings.map((w) => WARNING_TEXT[w.code] ?? w.code).join(', ');
    const meta = `${c.documents.length} document(s)${warnings ? ` · ${warnings}` : ''}`;
    return (
      `<li data-case="${id}" data-triage="${c.triage}"><a href="#${id}"><span class="badge t-${c.triage}">${esc(TRIAGE_TEXT[c.triage].label)}</span> ` +
      `<span class="cid">${esc(c.caseId)}</span></a><span class="muted">${esc(meta)}</span></li>`
    );
  });
  return `<nav id="index" aria-labelledby="index-h"><h2 id="index-h">Cases</h2><ol class="index">${items.join('')}</ol></nav>`;
}

/**
 * The whole page. `textOf(source)` gives each document's text (what its spans point into); a
 * document without one falls back to `DocumentResult.text`, else is shown without its text.
 */
export function renderReviewPage(
  cases: readonly CaseResult[],
  textOf: TextOf,
  opts: ReviewPageOptions = {},
): string {
  const sorted = sortCases(cases);
  const title = opts.title ?? 'spinex review';
  const script = `(${reviewClient.toString()})();`;
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${sha256(STYLES)}'`,
    `script-src 'sha256-${sha256(script)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const docCount = sorted.reduce((n, c) => n + c.documents.length, 0);
  const counts = TRIAGE_LEVELS.map(
    (t) =>
      `<li><span class="badge t-${t}">${esc(TRIAGE_TEXT[t].label)}: ${sorted.filter((c) => c.triage === t).length}</span></li>`,
  ).join('');
  const body = sorted.length
    ? sorted.map((c, i) => renderCase(c, i, textOf)).join('\n')
    : '<p>No cases: no document was read.</p>';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title><style>${STYLES}</style></head>`,
    '<body><a class="skip" href="#cases">Skip to the cases</a><div id="tip" role="tooltip" hidden></div>',
    '<div class="layout"><aside class="side" aria-label="Summary, filters and case list">',
    `<header><h1>${esc(title)}</h1><p class="muted">${sorted.length} case(s), ${docCount} document(s)` +
      `${opts.generatedAt ? ` · generated ${esc(opts.generatedAt)}` : ''}</p>` +
      `<ul class="counts" aria-label="Cases per triage level">${counts}</ul></header>`,
    controls(sorted),
    `<details class="key"><summary>Highlight colours</summary>${legend()}</details>`,
    index(sorted),
    '</aside>',
    `<main id="cases" tabindex="-1">${body}</main></div>`,
    `<script>${script}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
