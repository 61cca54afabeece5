/** The built command line, run as a user would (npm test builds dist/ before vitest). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';
import { builtCli } from '../helpers/cli.js';

const root = packageRoot();
const cli = builtCli;
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8' });

describe('spinex command line', { timeout: 30_000 }, () => {
  it('extracts a folder as JSON lines, one per document, and exits 0', () => {
    const r = run(['extract', 'samples/reports', '--format', 'jsonl']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(15);
    for (const l of lines) expect(JSON.parse(l).schemaVersion).toBe('1.0.0');
  });

  it('writes one object for one document and an array for several', () => {
    const one = JSON.parse(run(['extract', 'samples/reports/01-mri-lumbar-multilevel.txt']).stdout);
    expect(Array.isArray(one)).toBe(false);
    const two = JSON.parse(
      run([
        'extract',
        'samples/reports/01-mri-lumbar-multilevel.txt',
        'samples/reports/02-mri-cervical-myelopathy.txt',
      ]).stdout,
    );
    expect(two).toHaveLength(2);
  });

  it('reads stdin and keeps offsets into the text it returns', () => {
    const text = 'IMPRESSION: Mild loss of height of the L2 vertebral body.\n';
    const r = JSON.parse(run(['extract', '-', '--include-text'], text).stdout);
    expect(r.source).toBe('<stdin>');
    const f = r.findings.find((x: { concept: string }) => x.concept === 'vertebral_height_loss');
    expect(f.levels).toEqual(['L2']);
    expect(r.text.slice(f.span.start, f.span.end)).toBe(f.span.text);
  });

  it('reports an unreadable input as an error record, keeps going and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-cli-'));
    writeFileSync(join(dir, 'ok.txt'), 'FINDINGS: Mild spondylosis.');
    const r = run(['extract', join(dir, 'ok.txt'), join(dir, 'missing.txt'), '--format', 'jsonl']);
    expect(r.status).toBe(1);
    const results = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results.map((x) => x.errors.length)).toEqual([0, 1]);
    expect(r.stderr).toMatch(/missing\.txt: not-found: /);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('does not read its own output file back when it is written into the folder being read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-cli-'));
    writeFileSync(join(dir, 'mri.txt'), 'IMPRESSION: Multilevel spondylosis. Mild loss of height of L2.\n');
    writeFileSync(
      join(dir, 'clinic.txt'),
      'ASSESSMENT: Low back pain for 3 weeks. Plan: physical therapy.\n',
    );
    const summary = join(dir, 'summary.txt');
    for (const args of [
      ['batch', dir, '--group-by', 'file', '--format', 'text', '-o', summary],
      ['extract', dir, '--format', 'text', '-o', summary],
    ]) {
      // Twice: the second run finds the first run's summary.txt in the folder.
      const first = run(args);
      const firstText = readFileSync(summary, 'utf8');
      const second = run(args);
      expect([first.status, second.status]).toEqual([0, 0]);
      expect(readFileSync(summary, 'utf8')).toBe(firstText);
      expect(firstText).toContain('mri.txt');
      expect(firstText).not.toContain('summary.txt');
    }
  });

  it('refuses an input that is also the output file, before it writes anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-cli-'));
    const note = join(dir, 'note.txt');
    const text = 'IMPRESSION: Mild loss of height of the L2 vertebral body.\n';
    writeFileSync(note, text);
    for (const command of ['extract', 'batch', 'case']) {
      const r = run([command, note, '--format', 'text', '-o', note]);
      expect(r.status, command).toBe(2);
      expect(r.stderr).toContain('is both an input and the output file (-o)');
      expect(readFileSync(note, 'utf8')).toBe(text);
    }
  });

  it('exits 2 on a usage error', () => {
    expect(run(['extract', 'samples', '--format', 'xml']).status).toBe(2);
    expect(run(['frobnicate']).status).toBe(2);
  });

  it('answers assert on one sentence and line by line, keeping order and flagging bad lines', () => {
    const one = JSON.parse(
      run(['assert', '--target', 'fracture', 'No fracture, listhesis, or marrow edema.']).stdout,
    );
    expect(one.assertion).toBe('absent');
    const input = [
      JSON.stringify({ sentence: 'Mother had breast cancer.', target: 'breast cancer' }),
      'not json',
      JSON.stringify({ sentence: 'Possible discitis at L2-3.', target: 'discitis' }),
      JSON.stringify({ sentence: 'No stenosis.', target: 'herniation' }),
    ].join('\n');
    const r = run(['assert', '--jsonl'], input);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[0].assertion).toBe('family');
    expect(out[1].error).toBeDefined();
    expect(out[2].assertion).toBe('possible');
    expect(out[3].error).toBeDefined();
  });

  it('dates assert sentences with --date or a line\'s own "date"', () => {
    const sentence = 'She had a DVT in 2021 treated with apixaban.';
    const at = (args: string[]) => JSON.parse(run(['assert', ...args, '--target', 'DVT', sentence]).stdout);
    expect(at(['--date', '2025-03-01']).assertion).toBe('historical');
    expect(at(['--date', '2022-03-01']).assertion).toBe('present');
    const input = [
      JSON.stringify({ sentence, target: 'DVT', date: '2022-03-01' }),
      JSON.stringify({ sentence, target: 'DVT' }),
      JSON.stringify({ sentence, target: 'DVT', date: 'March 2022' }),
    ].join('\n');
    const out = run(['assert', '--jsonl', '--date', '2025-03-01'], input)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.assertion ?? 'error')).toEqual(['present', 'historical', 'error']);
  });

  /** The assertion `spinex assert` gives a target in a sentence, with any further options. */
  const assertion = (target: string, sentence: string, ...options: string[]) =>
    JSON.parse(run(['assert', ...options, '--target', target, sentence]).stdout).assertion;

  it('asserts a target as the concept it names in a document would be', () => {
    const at = (target: string, sentence: string) => assertion(target, sentence, '--date', '2025-03-01');
    // Care and one-moment events dated to a long-past year are over, as in an extracted report.
    expect(at('lumbar discectomy', 'Lumbar discectomy in 2012; doing well until three weeks ago.')).toBe(
      'historical',
    );
    expect(at('compression fracture', 'Compression fracture of L1 in 2016 treated with kyphoplasty.')).toBe(
      'historical',
    );
    // A condition dated to a year may still be going on: no verb tells it as over.
    expect(at('spinal stenosis', 'Spinal stenosis diagnosed in 2016, managed with PT.')).toBe('present');
    // A phrase that names no concept is asserted as before.
    expect(at('eczema', 'Eczema in 2016, treated with topical steroids.')).toBe('present');
  });

  it('reads only the sentence that holds the target when given several, as a document is read', () => {
    expect(assertion('anterolisthesis', 'No fracture. Mild anterolisthesis of L4 on L5 is noted.')).toBe(
      'present',
    );
    expect(assertion('Dyspnea', 'Chest pain: no. Dyspnea: yes. Edema: no.')).toBe('present');
    expect(assertion('Edema', 'Chest pain: no. Dyspnea: yes. Edema: no.')).toBe('absent');
    // A query mark before its word is no sentence end.
    expect(assertion('UTI', '? UTI, urine sent for culture.')).toBe('possible');
  });

  it('keeps a denied list going past "or" and a cue of another kind', () => {
    const at = (target: string, sentence: string) => assertion(target, sentence);
    expect(at('cancer', 'Patient denies fevers, chills, IV drug use, or history of cancer.')).toBe('absent');
    expect(at('weight loss', 'No saddle numbness, night pain, or possible weight loss.')).toBe('absent');
    // Without "or", the other cue after a comma starts a statement of its own.
    expect(at('syncope', 'Denies chest pain, possible syncope.')).toBe('possible');
  });

  it('prints JSON Schema for every output', () => {
    const schema = JSON.parse(run(['schema']).stdout);
    expect(Object.keys(schema)).toEqual(
      expect.arrayContaining(['DocumentResult', 'CaseResult', 'AssertResult']),
    );
    expect(schema.DocumentResult.properties.findings).toBeDefined();
  });
});
