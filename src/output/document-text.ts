/**
 * The `text` format of a DocumentResult, for a person: one line per finding with its assertion, levels,
 * severity and the sentence it came from, then the measurements and any errors.
 */
import type { DocumentResult } from '../facts/schema.js';

const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

export function formatDocumentText(doc: DocumentResult): string {
  const lines: string[] = [];
  const meta = [doc.documentType, doc.modality, doc.date, doc.patientId ? `patient ${doc.patientId}` : null]
    .filter(Boolean)
    .join(', ');
  lines.push(`== ${doc.source}  (${meta})`);
  for (const e of doc.errors) lines.push(`   ERROR ${e.code}: ${e.message}`);
  for (const f of doc.findings) {
    const levels = f.levels.length ? f.levels.join(',') : '-';
    const sev =
      [f.severity, f.acuity, f.percent !== null ? `${f.percent}%` : null].filter(Boolean).join(' ') || '-';
    const cue = f.cues.length ? ` [${f.cues.map((c) => `${c.category}: "${c.text}"`).join('; ')}]` : '';
    lines.push(
      `   ${f.assertion.padEnd(12)} ${f.concept.padEnd(28)} ${levels.padEnd(22)} ${sev.padEnd(10)} ${f.section.padEnd(10)} "${clip(f.sentence, 90)}"${cue}`,
    );
  }
  if (doc.findings.length === 0 && doc.errors.length === 0) lines.push('   (no findings)');
  for (const m of doc.measurements) {
    const extra = [m.max ? `/${m.max}` : '', m.unit ? ` ${m.unit}` : '', m.band ? ` (${m.band})` : ''].join(
      '',
    );
    lines.push(
      `   measure      ${m.kind.padEnd(28)} ${`${m.value}${extra}`.padEnd(33)} "${clip(m.span.text, 60)}"`,
    );
  }
  return lines.join('\n');
}
