/**
 * `--jobs N`: the built command line with worker threads writes exactly what one job writes (stdout, stderr
 * and exit code), in the same order, for every command and format; a bad file or a dying worker costs one
 * error record, never the batch.
 */
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';
import { builtCli } from '../helpers/cli.js';

const root = packageRoot();
const cli = builtCli;
const FORMATS = ['json', 'jsonl', 'text', 'csv', 'fhir'] as const;

/**
 * The samples are far too few for workers to pay back their start-up, so the main thread would read them
 * all: the hook lowers the count from which workers start to two inputs, unless a test says otherwise.
 */
const WORKERS_FROM_TWO = { SPINEX_TEST_MIN_WORKER_INPUTS: '2' };

function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, ...WORKERS_FROM_TWO, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
}

const seen = (r: SpawnSyncReturns<string>) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr });

/** One job and two give the same bytes and exit code. */
function expectSame(args: string[], opts: { input?: string } = {}) {
  const one = run([...args, '--jobs', '1'], opts);
  const two = run([...args, '--jobs', '2'], opts);
  expect(one.status).not.toBeNull();
  expect(seen(two)).toEqual(seen(one));
  return one;
}

/** Six good reports, an empty file, a PNG named .txt and a missing path, in a folder of their own. */
function mixedFolder(): { dir: string; args: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'spinex-jobs-'));
  const text = (n: number) => `IMPRESSION: Mild loss of height of the L${n} vertebral body.\n`;
  for (let i = 1; i <= 3; i++) writeFileSync(join(dir, `a${i}.txt`), text(i));
  writeFileSync(join(dir, 'b-empty.txt'), '');
  writeFileSync(join(dir, 'c-scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]));
  for (let i = 4; i <= 6; i++) writeFileSync(join(dir, `d${i}.txt`), text(i));
  return { dir, args: [dir, join(dir, 'missing.txt')] };
}

describe('--jobs', { timeout: 120_000 }, () => {
  it('is offered by every command that reads documents', () => {
    for (const command of ['extract', 'case', 'batch', 'review']) {
      expect(run([command, '--help']).stdout).toMatch(/--jobs <n>/);
    }
  });

  it('refuses a count that is not a whole number of 1 or more', () => {
    for (const bad of ['0', '-1', '1.5', 'many']) {
      const r = run(['extract', 'samples/reports', '--jobs', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--jobs must be a whole number/);
    }
    expect(run(['batch', 'samples/cases', '--jobs', '0']).status).toBe(2);
  });

  it('extracts text and PDF byte for byte as one job does, in every format', () => {
    for (const format of FORMATS) {
      const r = expectSame(['extract', 'samples/reports', 'samples/pdf', '--format', format]);
      expect(r.status).toBe(0);
    }
    // Options that travel to the workers: the text offsets point into, and the size limit.
    const r = expectSame([
      'extract',
      'samples/reports',
      '--include-text',
      '--max-bytes',
      '2000',
      '--format',
      'jsonl',
    ]);
    expect(r.stdout).toMatch(/"text":/);
    expect(r.stdout).toMatch(/"too-large"/);
  });

  it('reads PDFs in the workers, pages and all', () => {
    const r = expectSame(['extract', 'samples/pdf', '--format', 'jsonl']);
    const pdfs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((d) => d.source.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    for (const d of pdfs) {
      expect(d.errors).toEqual([]);
      expect(d.findings.length).toBeGreaterThan(0);
      expect(d.findings.every((f: { page: number | null }) => f.page !== null)).toBe(true);
    }
  });

  it('keeps input order and one record per input when some inputs are bad, and exits 1', () => {
    const { dir, args } = mixedFolder();
    for (const format of ['jsonl', 'text'] as const) {
      const r = expectSame(['extract', ...args, '--format', format]);
      expect(r.status).toBe(1);
    }
    const r = run(['extract', ...args, '--format', 'jsonl', '--jobs', '2']);
    const sources = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).source);
    expect(sources).toEqual([
      ...['a1', 'a2', 'a3', 'b-empty', 'c-scan', 'd4', 'd5', 'd6'].map((n) => join(dir, `${n}.txt`)),
      join(dir, 'missing.txt'),
    ]);
    expect(r.stderr.trim().split('\n')).toHaveLength(3);
  });

  it('builds the same cases with every grouping and format, with the same exit codes', () => {
    const { args } = mixedFolder();
    for (const format of FORMATS) {
      expect(expectSame(['batch', 'samples/cases', '--group-by', 'file', '--format', format]).status).toBe(0);
    }
    // 18 folders: whole cases in workers; one folder (samples/reports): documents in workers.
    expectSame(['batch', 'samples/cases', 'samples/pdf', '--group-by', 'dir', '--format', 'jsonl']);
    expectSame(['batch', 'samples/reports', '--group-by', 'dir', '--format', 'text']);
    expectSame(['batch', 'samples/cases', '--group-by', 'patient-id', '--format', 'csv']);
    expect(expectSame(['batch', ...args, 'samples/cases', '--format', 'fhir']).status).toBe(1);
    expect(expectSame(['case', 'samples/cases/urgent-cauda-equina', '--format', 'text']).status).toBe(0);
    expect(expectSame(['batch', 'samples/cases', '--fail-on', 'urgent', '--format', 'jsonl']).status).toBe(3);
  });

  it('runs whole cases in workers with the guideline parameters of --config', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'spinex-jobs-config-')), 'guideline.json');
    writeFileSync(config, JSON.stringify({ mjoaThreshold: 14, conservativeWeeks: 4 }));
    const tuned = expectSame(['batch', 'samples/cases', '--config', config, '--format', 'jsonl']);
    expect(tuned.stdout).not.toBe(run(['batch', 'samples/cases', '--format', 'jsonl', '--jobs', '2']).stdout);
  });

  it('reports problems in input order even when cases come out in another order', () => {
    // By file, cases are ordered by file name ("a.txt" before "z.txt"), inputs by path ("one/z.txt" first).
    const dir = mkdtempSync(join(tmpdir(), 'spinex-jobs-order-'));
    for (const sub of ['one', 'two']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'one', 'z.txt'), '');
    writeFileSync(join(dir, 'two', 'a.txt'), '');
    for (let i = 0; i < 10; i++)
      writeFileSync(join(dir, 'two', `m${i}.txt`), 'FINDINGS: Mild spondylosis.\n');
    const r = expectSame(['batch', dir, '--group-by', 'file', '--format', 'jsonl']);
    const problems = r.stderr.split('\n').filter((l) => l.includes(': empty: '));
    expect(problems.map((l) => l.slice(dir.length + 1, l.indexOf(': ')))).toEqual(['one/z.txt', 'two/a.txt']);
    const cases = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).caseId);
    expect(cases.indexOf('a.txt')).toBeLessThan(cases.indexOf('z.txt'));
  });

  it('writes the same review page', () => {
    const page = (jobs: string) => {
      const r = run(['review', 'samples/cases', '--jobs', jobs]);
      // The page says when it was made, to the minute.
      return { status: r.status, html: r.stdout.replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'WHEN') };
    };
    expect(page('2')).toEqual(page('1'));
  });

  it('answers --jsonl-in lines in order, as one job does', () => {
    const lines = [
      JSON.stringify({ id: 1, text: 'IMPRESSION: Severe central canal stenosis at L4-5.' }),
      'not json',
      JSON.stringify({ id: 'p', path: 'samples/pdf/lumbar-mri-report.pdf' }),
      JSON.stringify({ id: 3, path: 'samples/reports/03-ct-lumbar-compression-fracture.txt' }),
      JSON.stringify({ id: 4, text: '' }),
      JSON.stringify({ id: 5, path: 'missing.txt' }),
    ];
    const r = expectSame(['extract', '--jsonl-in'], { input: `${lines.join('\n')}\n` });
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).line),
    ).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers a lone --jsonl-in line while standard input stays open', async () => {
    const child = spawn(process.execPath, [cli, 'extract', '--jsonl-in', '--jobs', '2'], { cwd: root });
    child.stdin.write(`${JSON.stringify({ id: 1, text: 'Mild spondylosis at L4-5.' })}\n`);
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (b: Buffer) => resolve(String(b))),
    );
    expect(JSON.parse(first.split('\n')[0]!).id).toBe(1);
    child.stdin.end();
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
  });

  it('reads a single input, and standard input, on the main thread', () => {
    // The crash hook lives in the worker only: an input it names comes out whole, so no worker read it.
    const env = { SPINEX_TEST_WORKER_CRASH: 'throw:01-mri-lumbar-multilevel.txt' };
    const one = run(['extract', 'samples/reports/01-mri-lumbar-multilevel.txt', '--jobs', '2'], { env });
    expect(one.status).toBe(0);
    expect(JSON.parse(one.stdout).errors).toEqual([]);
    const stdin = run(['extract', '-', 'samples/reports/02-mri-cervical-myelopathy.txt', '--jobs', '2'], {
      input: 'IMPRESSION: Mild loss of height of the L2 vertebral body.\n',
      env: { SPINEX_TEST_WORKER_CRASH: 'throw:<stdin>' },
    });
    expect(stdin.status).toBe(0);
    // A case that takes standard input among whole cases in workers.
    const report = 'IMPRESSION: Severe central canal stenosis at L4-5.\n';
    expectSame(['batch', '-', 'samples/cases', '--group-by', 'file', '--format', 'jsonl'], { input: report });
  });

  it('reads few plain-text inputs on the main thread, and starts workers for many, or for a PDF', () => {
    const env = {
      SPINEX_TEST_MIN_WORKER_INPUTS: '',
      SPINEX_TEST_WORKER_CRASH: 'exit:02-mri-cervical-myelopathy.txt',
    };
    // 23 sample reports: no worker reads the one the crash hook names, so it comes out whole.
    const few = run(['extract', 'samples/reports', '--format', 'jsonl', '--jobs', '2'], { env });
    expect(few.status).toBe(0);
    expect(few.stdout).not.toMatch(/internal-error/);
    const cases = run(['batch', 'samples/cases', '--format', 'jsonl', '--jobs', '2'], {
      env: { ...env, SPINEX_TEST_WORKER_CRASH: 'exit:surgical-instability/01-clinic-visit.txt' },
    });
    expect(cases.status).toBe(0);
    // The same reports with a PDF among them, or as many short notes as the file threshold (10,000 with two
    // jobs; set to 300 here, its arithmetic is tested in jobs-threshold.test.ts): workers read them.
    const withPdf = run(['extract', 'samples/reports', 'samples/pdf', '--format', 'jsonl', '--jobs', '2'], {
      env,
    });
    expect(withPdf.status).toBe(1);
    expect(withPdf.stderr).toMatch(/02-mri-cervical-myelopathy\.txt: internal-error: the worker thread/);
    const dir = mkdtempSync(join(tmpdir(), 'spinex-jobs-many-'));
    for (let i = 0; i < 300; i++)
      writeFileSync(
        join(dir, `${String(i).padStart(3, '0')}.txt`),
        `IMPRESSION: Mild L${(i % 5) + 1} bulge.\n`,
      );
    const notes = ['extract', dir, '--format', 'jsonl', '--jobs', '2'];
    const crash150 = { ...env, SPINEX_TEST_WORKER_CRASH: 'exit:150.txt' };
    // Under the threshold, the main thread reads them all: no worker meets the crash hook.
    expect(run(notes, { env: { ...crash150, SPINEX_TEST_MIN_WORKER_INPUTS: '301' } }).status).toBe(0);
    const many = run(notes, { env: { ...crash150, SPINEX_TEST_MIN_WORKER_INPUTS: '300' } });
    expect(many.status).toBe(1);
    expect(many.stdout.trim().split('\n')).toHaveLength(300);
    expect(many.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/150\.txt: internal-error: the worker thread/),
    ]);
  });

  for (const how of ['throw', 'exit']) {
    it(`turns a worker that dies (${how}) into one internal-error record and goes on`, () => {
      const env = { SPINEX_TEST_WORKER_CRASH: `${how}:02-mri-cervical-myelopathy.txt` };
      const one = run(['extract', 'samples/reports', '--format', 'jsonl', '--jobs', '1']);
      const two = run(['extract', 'samples/reports', '--format', 'jsonl', '--jobs', '2'], { env });
      expect(two.status).toBe(1);
      const a = one.stdout.trim().split('\n');
      const b = two.stdout.trim().split('\n');
      expect(b).toHaveLength(a.length);
      const differ = b.flatMap((line, i) => (line === a[i] ? [] : [JSON.parse(line)]));
      expect(differ).toHaveLength(1);
      expect(differ[0].source).toMatch(/02-mri-cervical-myelopathy\.txt$/);
      expect(differ[0].errors.map((e: { code: string }) => e.code)).toEqual(['internal-error']);
      expect(two.stderr).toMatch(/02-mri-cervical-myelopathy\.txt: internal-error: the worker thread/);
      expect(two.stderr).not.toMatch(/\n\s+at /);
      expect(run(['extract', 'samples/reports', '--jobs', '2', '--debug'], { env }).stderr).toMatch(
        /\n\s+at /,
      );

      // A whole case in a worker: its documents are read again one by one, the case is still written.
      const target = `${how}:surgical-instability/01-clinic-visit.txt`;
      const batch = run(['batch', 'samples/cases', '--format', 'jsonl', '--jobs', '2'], {
        env: { SPINEX_TEST_WORKER_CRASH: target },
      });
      expect(batch.status).toBe(1);
      expect(batch.stdout.trim().split('\n')).toHaveLength(18);
      expect(batch.stderr).toMatch(/01-clinic-visit\.txt: internal-error: /);
    });
  }

  it('runs a document too large for a worker heap on the main thread instead of failing it', () => {
    // A worker's heap is capped (512 MB, lowered to 32 here): a long document that exhausts it ends the
    // worker, and its run is read again on the main thread. Nothing is lost, and the bytes are one job's.
    const dir = mkdtempSync(join(tmpdir(), 'spinex-jobs-large-'));
    const reports = ['01-mri-lumbar-multilevel.txt', '02-mri-cervical-myelopathy.txt'].map((f) =>
      readFileSync(join(root, 'samples', 'reports', f), 'utf8'),
    );
    writeFileSync(join(dir, 'a-short.txt'), reports[0]!);
    writeFileSync(
      join(dir, 'b-long.txt'),
      Array.from({ length: 1000 }, (_, i) => reports[i % 2]).join('\n\n'),
    );
    writeFileSync(join(dir, 'c-short.txt'), reports[1]!);
    const env = { SPINEX_TEST_WORKER_HEAP_MB: '32' };
    for (const args of [
      ['extract', dir, '--format', 'jsonl'],
      ['batch', dir, '--group-by', 'file', '--format', 'jsonl'],
    ]) {
      const one = run([...args, '--jobs', '1']);
      const two = run([...args, '--jobs', '2'], { env });
      expect(one.status).toBe(0);
      expect(seen(two)).toEqual(seen(one));
      expect(two.stdout.trim().split('\n')).toHaveLength(3);
    }
  });

  it('stops with a usage error when the workers cannot load the lexicons, as one job does', () => {
    const bad = join(tmpdir(), 'spinex-no-such-lexicons');
    expect(seen(run(['extract', 'samples/reports', '--lexicons', bad, '--jobs', '2']))).toEqual(
      seen(run(['extract', 'samples/reports', '--lexicons', bad, '--jobs', '1'])),
    );
    expect(run(['extract', 'samples/reports', '--lexicons', bad, '--jobs', '2']).status).toBe(2);
    // The same when the main thread reads the inputs itself (too few for workers).
    const mainThread = { env: { SPINEX_TEST_MIN_WORKER_INPUTS: '' } };
    expect(seen(run(['extract', 'samples/reports', '--lexicons', bad, '--jobs', '2'], mainThread))).toEqual(
      seen(run(['extract', 'samples/reports', '--lexicons', bad, '--jobs', '1'])),
    );
  });
});
