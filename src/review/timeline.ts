/**
 * The case timeline as inline SVG: the dated documents on one lane, and below them the key
 * measurements (mJOA, pain, symptom and treatment duration) each on a lane of its own scale. Nothing
 * is drawn without at least one date; undated documents are listed in words by the caller.
 */
import type { CaseResult } from '../facts/case-schema.js';
import { baseName, esc } from './escape.js';
import { measureLabel } from './labels.js';

const W = 720;
const LEFT = 150;
const RIGHT = 680;
const LANE = 54;
const TOP = 12;
const AXIS = 34;
const DAY = 86_400_000;

interface Series {
  kind: string;
  colour: string;
  /** Fixed scale maximum; duration scales to its own largest value. */
  max: number | null;
}

const SERIES: readonly Series[] = [
  { kind: 'mjoa', colour: '#9a3412', max: 18 },
  { kind: 'pain_score', colour: '#1d4ed8', max: 10 },
  { kind: 'symptom_duration_weeks', colour: '#065f46', max: null },
  { kind: 'conservative_duration_weeks', colour: '#6b21a8', max: null },
];

interface Point {
  t: number;
  value: number;
  label: string;
}

const time = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

function marker(type: string, x: number, y: number): string {
  if (type === 'radiology') return `<rect x="${x - 6}" y="${y - 6}" width="12" height="12" fill="#334155"/>`;
  if (type === 'clinic') return `<circle cx="${x}" cy="${y}" r="6.5" fill="#0f766e"/>`;
  return `<path d="M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z" fill="#6b7280"/>`;
}

export interface Timeline {
  /** The `<svg>` element, or '' when no document of the case is dated. */
  svg: string;
  /** Sources of the documents without a date. */
  undated: string[];
}

/** `docHref(source)` gives the fragment (with `#`) of a document's text, so a marker can link to it. */
export function renderTimeline(
  c: CaseResult,
  idPrefix: string,
  docHref: (source: string) => string,
): Timeline {
  const dated = c.documents.filter((d) => d.date !== null && !Number.isNaN(time(d.date)));
  const isDated = new Set(dated);
  const undated = c.documents.filter((d) => !isDated.has(d)).map((d) => d.source);
  if (dated.length === 0) return { svg: '', undated };

  const lanes = SERIES.map((s) => {
    const seen = new Set<string>();
    const points: Point[] = [];
    for (const m of c.facts.measurements) {
      if (m.kind !== s.kind || m.date === null || Number.isNaN(time(m.date))) continue;
      const key = `${m.date}|${m.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      points.push({ t: time(m.date), value: m.value, label: `${m.value}${m.max ? `/${m.max}` : ''}` });
    }
    return { ...s, points: points.sort((a, b) => a.t - b.t) };
  }).filter((l) => l.points.length > 0);

  const times = [...dated.map((d) => time(d.date!)), ...lanes.flatMap((l) => l.points.map((p) => p.t))];
  // A loop, not Math.min(...times): spreading a case's every date overflows the call stack past ~100,000.
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
  }
  if (t1 - t0 < DAY) {
    t0 -= 15 * DAY;
    t1 += 15 * DAY;
  }
  const x = (t: number): number => Math.round(LEFT + ((t - t0) / (t1 - t0)) * (RIGHT - LEFT));
  const height = TOP + LANE * (1 + lanes.length) + AXIS;
  const parts: string[] = [];
  const desc: string[] = [];

  // Lane 0: documents, linked to their text.
  const y0 = TOP + LANE / 2;
  parts.push(`<text x="8" y="${y0 + 4}" class="tl-lane">Documents</text>`);
  parts.push(`<line x1="${LEFT}" y1="${y0}" x2="${RIGHT}" y2="${y0}" class="tl-rule"/>`);
  // Documents of the same day sit side by side rather than on top of each other.
  const sameDay = new Map<string, number>();
  for (const d of dated) sameDay.set(d.date!, (sameDay.get(d.date!) ?? 0) + 1);
  const placed = new Map<string, number>();
  for (const d of dated) {
    const k = placed.get(d.date!) ?? 0;
    placed.set(d.date!, k + 1);
    const px = x(time(d.date!)) + Math.round((k - ((sameDay.get(d.date!) ?? 1) - 1) / 2) * 18);
    const name = baseName(d.source);
    const what = [d.modality?.toUpperCase(), d.documentType].filter(Boolean).join(' ');
    desc.push(`${d.date}: ${what} ${name}`);
    parts.push(
      `<a href="${esc(docHref(d.source))}" aria-label="${esc(`${d.date} ${what} ${name}`)}"><title>${esc(`${d.date} · ${what} · ${name}`)}</title>${marker(d.documentType, px, y0)}</a>`,
    );
  }

  lanes.forEach((lane, i) => {
    const top = TOP + LANE * (i + 1);
    const max = lane.max ?? lane.points.reduce((m, p) => Math.max(m, p.value), 1);
    const y = (v: number): number => Math.round(top + LANE - 10 - (Math.min(v, max) / max) * (LANE - 26));
    parts.push(
      `<text x="8" y="${top + LANE / 2 + 4}" class="tl-lane">${esc(measureLabel(lane.kind))}</text>`,
    );
    parts.push(
      `<line x1="${LEFT}" y1="${top + LANE - 10}" x2="${RIGHT}" y2="${top + LANE - 10}" class="tl-rule"/>`,
    );
    if (lane.points.length > 1)
      parts.push(
        `<polyline fill="none" stroke="${lane.colour}" stroke-width="2" points="${lane.points.map((p) => `${x(p.t)},${y(p.value)}`).join(' ')}"/>`,
      );
    for (const p of lane.points) {
      const px = x(p.t);
      parts.push(`<circle cx="${px}" cy="${y(p.value)}" r="4.5" fill="${lane.colour}"/>`);
      parts.push(
        `<text x="${px}" y="${y(p.value) - 8}" text-anchor="middle" class="tl-val" fill="${lane.colour}">${esc(p.label)}</text>`,
      );
      desc.push(`${measureLabel(lane.kind)} ${p.label} on ${new Date(p.t).toISOString().slice(0, 10)}`);
    }
  });

  // Date axis: one tick per distinct date, labels skipped where they would collide.
  const axisY = height - AXIS + 6;
  parts.push(`<line x1="${LEFT}" y1="${axisY}" x2="${RIGHT}" y2="${axisY}" class="tl-axis"/>`);
  let lastLabel = Number.NEGATIVE_INFINITY;
  for (const t of [...new Set(times)].sort((a, b) => a - b)) {
    const px = x(t);
    parts.push(`<line x1="${px}" y1="${axisY}" x2="${px}" y2="${axisY + 5}" class="tl-axis"/>`);
    if (px - lastLabel < 78) continue;
    lastLabel = px;
    parts.push(
      `<text x="${px}" y="${axisY + 19}" text-anchor="middle" class="tl-date">${new Date(t).toISOString().slice(0, 10)}</text>`,
    );
  }

  const title = `${idPrefix}-tl-title`;
  const descId = `${idPrefix}-tl-desc`;
  const svg =
    `<svg class="timeline" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${title} ${descId}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${title}">Timeline of ${esc(c.caseId)}</title><desc id="${descId}">${esc(desc.join('; '))}</desc>` +
    `${parts.join('')}</svg>`;
  return { svg, undated };
}
