/**
 * The two real corpora in ../shared/data must read without a failure. This asserts totals, not sentences:
 * nothing from the corpora is copied here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/facts/schema.js';
import { packageRoot } from '../../src/util/package-root.js';
import { extractText } from '../helpers/extractor.js';

const dataDir = join(packageRoot(), '..', 'shared', 'data');
const available = existsSync(dataDir);

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function run(rows: Record<string, unknown>[], field: string, id: string): DocumentResult[] {
  return rows.map((r) => extractText(String(r[field] ?? ''), String(r[id])));
}

describe.skipIf(!available)('real notes (shared/data)', () => {
  it('reads all 575 lumbar MRI notes with sensible findings', () => {
    const rows = readJsonl('lumbar-mri-notes/lumbar-mri-notes.jsonl');
    const results = run(rows, 'clinicians_notes', 'patient_id');
    expect(results).toHaveLength(575);
    expect(results.every((r) => r.errors.length === 0)).toBe(true);
    const nonEmpty = results.filter((_, i) => String(rows[i]!.clinicians_notes ?? '').trim() !== '');
    const withFindings = nonEmpty.filter((r) => r.findings.length > 0);
    // Nearly every lumbar MRI note describes a disc, canal or root finding, present or absent.
    expect(withFindings.length / nonEmpty.length).toBeGreaterThan(0.95);
    const bulges = nonEmpty.filter((r) =>
      r.findings.some((f) => f.concept === 'disc_bulge' && f.assertion === 'present'),
    );
    expect(bulges.length).toBeGreaterThan(200);
    const lumbarLevels = nonEmpty.flatMap((r) => r.findings.flatMap((f) => f.levels));
    expect(lumbarLevels.filter((l) => l.startsWith('L')).length / lumbarLevels.length).toBeGreaterThan(0.9);
    expect(nonEmpty.filter((r) => r.documentType === 'radiology').length / nonEmpty.length).toBeGreaterThan(
      0.9,
    );
  });

  it('reads all 382 transcriptions without an error', () => {
    const rows = readJsonl('mtsamples-spine/mtsamples-spine.jsonl');
    const results = run(rows, 'transcription', 'note_id');
    expect(results).toHaveLength(382);
    expect(results.every((r) => r.errors.length === 0)).toBe(true);
    expect(results.filter((r) => r.findings.length > 0).length / results.length).toBeGreaterThan(0.85);
    for (const r of results) for (const m of r.measurements) expect(Number.isFinite(m.value)).toBe(true);
  });
});
