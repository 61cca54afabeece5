/**
 * The facts of a case as tables: each finding with its case-level status and links to every mention
 * in the documents (a click scrolls to the highlighted words), then the measurements, durations,
 * course and treatments.
 */
import type { CaseFacts, CaseFinding, DurationFact } from '../facts/case-schema.js';
import { ASSERTIONS } from '../facts/schema.js';
import { baseName, esc } from './escape.js';
import { ASSERTION_TEXT, measureLabel } from './labels.js';

/** Fragment (with `#`) of the highlight of a span in a document, when it was placed. */
export type AnchorOf = (source: string, start: number, end: number) => string | undefined;

const clip = (s: string, n: number): string => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

const rank = (f: CaseFinding): number =>
  f.active.length === 0 ? ASSERTIONS.length : ASSERTIONS.indexOf(f.assertion);

export function assertionBadge(assertion: string): string {
  const title = ASSERTION_TEXT[assertion as keyof typeof ASSERTION_TEXT] ?? assertion;
  return `<span class="ab a-${esc(assertion)}" title="${esc(title)}">${esc(assertion)}</span>`;
}

function findingRow(f: CaseFinding, anchorOf: AnchorOf): string {
  const hrefs = f.mentions.map((m) => anchorOf(m.source, m.span.start, m.span.end));
  const first = hrefs.find((h) => h !== undefined);
  const name = first
    ? `<a class="jump" href="${esc(first)}">${esc(f.label)}</a>`
    : `<span>${esc(f.label)}</span>`;
  const mentions = f.mentions
    .map((m, i) => {
      const label = `${baseName(m.source)}: “${clip(m.span.text, 40)}” (${m.assertion}${m.superseded ? ', superseded' : ''})`;
      const href = hrefs[i];
      return href
        ? `<li><a class="jump" href="${esc(href)}">${esc(label)}</a></li>`
        : `<li>${esc(label)}</li>`;
    })
    .join('');
  const status =
    f.active.length === 0
      ? '<span class="muted">no longer counts</span>'
      : `${assertionBadge(f.assertion)}${f.conflict ? ' <span class="flag" title="Documents disagree on this fact">conflict</span>' : ''}`;
  return (
    `<tr data-concept="${esc(f.concept)}"><th scope="row">${name}<br><span class="muted small">${esc(f.concept)} · ${esc(f.category)}</span></th>` +
    `<td>${status}</td><td>${esc(f.levels.join(', ') || '—')}</td><td>${esc(f.severity ?? '—')}</td>` +
    `<td><ul class="mentions">${mentions}</ul></td></tr>`
  );
}

function duration(d: DurationFact | null): string {
  return d ? `${d.weeks} weeks (${d.basis})` : 'unknown';
}

export function renderFacts(facts: CaseFacts, anchorOf: AnchorOf, idPrefix: string): string {
  const findings = [...facts.findings].sort(
    (a, b) => rank(a) - rank(b) || a.category.localeCompare(b.category) || a.label.localeCompare(b.label),
  );
  const parts: string[] = [];
  if (findings.length === 0) parts.push('<p class="muted">No findings in these documents.</p>');
  else
    parts.push(
      `<div class="scroll"><table class="facts" aria-labelledby="${idPrefix}-facts-h"><thead><tr>` +
        '<th scope="col">Fact</th><th scope="col">Status</th><th scope="col">Levels</th><th scope="col">Severity</th><th scope="col">Where (click to see)</th>' +
        `</tr></thead><tbody>${findings.map((f) => findingRow(f, anchorOf)).join('')}</tbody></table></div>`,
    );

  if (facts.measurements.length > 0) {
    const rows = facts.measurements
      .map((m) => {
        const href = anchorOf(m.source, m.span.start, m.span.end);
        const text = `“${clip(m.span.text, 40)}”`;
        const where = `${baseName(m.source)}${m.date ? ` (${m.date})` : ''}`;
        return (
          `<tr><th scope="row">${esc(measureLabel(m.kind))}</th><td>${esc(`${m.value}${m.max ? `/${m.max}` : ''}`)}</td>` +
          `<td>${href ? `<a class="jump" href="${esc(href)}">${esc(text)}</a>` : esc(text)}</td><td>${esc(where)}</td></tr>`
        );
      })
      .join('');
    parts.push(
      `<div class="scroll"><table class="measures" aria-label="Measurements"><thead><tr><th scope="col">Measurement</th>` +
        `<th scope="col">Value</th><th scope="col">As written</th><th scope="col">Document</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    );
  }

  const treatments = facts.treatments.map((t) => {
    const helped = t.helped === null ? '' : t.helped ? ', helped' : ', did not help';
    return `${t.concept.replace(/_/g, ' ')}: ${t.status}${helped}${t.listedOnly ? ' (medication list only)' : ''}`;
  });
  parts.push(
    '<dl class="course">' +
      `<div><dt>Symptom duration</dt><dd>${esc(duration(facts.durations.symptom))}</dd></div>` +
      `<div><dt>Conservative care</dt><dd>${esc(duration(facts.durations.conservative))}</dd></div>` +
      `<div><dt>Course</dt><dd>${esc(facts.course.status)}</dd></div>` +
      `<div><dt>Treatments</dt><dd>${esc(treatments.join('; ') || 'none found')}</dd></div>` +
      '</dl>',
  );
  return parts.join('');
}
