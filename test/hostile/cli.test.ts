/**
 * The built command line under pressure: results stream out as each document finishes, a reader that
 * leaves early ends the process quietly, every command honours --max-bytes, and problems are one line each
 * with no stack trace unless --debug.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractOne } from '../../src/cli/extract.js';
import type { SourceDocument } from '../../src/facts/document.js';
import { problemLine } from '../../src/output/problem-line.js';
import { packageRoot } from '../../src/util/package-root.js';
import { builtCli } from '../helpers/cli.js';
import { makeTempDir } from '../ingest/helpers.js';

const root = packageRoot();
const cli = builtCli;
const STACK = /\n\s+at \S/;

const REPORT = `MRI CERVICAL SPINE
HISTORY: 66-year-old man with neck pain and hand numbness for 8 weeks.
FINDINGS: C5-6: Disc osteophyte complex with severe central canal stenosis and cord compression.
C6-7: Mild foraminal narrowing on the left.
IMPRESSION: Severe C5-6 canal stenosis with cord compression.
`;

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await writeFile(join(dir, 'a.txt'), REPORT);
  await mkdir(join(dir, 'many'));
  for (let i = 0; i < 300; i++)
    await writeFile(join(dir, 'many', `r${String(i).padStart(3, '0')}.txt`), REPORT);
});
afterAll(() => cleanup());

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });

/**
 * Start `extract a.txt -`, keep stdin open, and resolve with what stdout holds once `ready` says the first
 * document is out. A writer that buffered until the end would never get there: stdin is still open.
 */
function firstResultBeforeEnd(args: string[], ready: (out: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'extract', ...args], { cwd: root });
    let out = '';
    let settled = false;
    const timer = setTimeout(
      () => finish(new Error(`no output before stdin closed: ${JSON.stringify(out)}`)),
      20_000,
    );
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdin.end('IMPRESSION: Mild spondylosis.\n');
      child.on('close', () => (err ? reject(err) : resolve(out)));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (ready(out)) finish(null);
    });
    child.on('error', (err) => finish(err));
  });
}

describe('results stream out as each document finishes', { timeout: 30_000 }, () => {
  const a = () => join(dir, 'a.txt');
  it('jsonl', async () => {
    const out = await firstResultBeforeEnd([a(), '-', '--format', 'jsonl'], (o) => o.includes('\n'));
    expect(JSON.parse(out.split('\n')[0]!).source).toBe(a());
  });
  it('text', async () => {
    const out = await firstResultBeforeEnd([a(), '-', '--format', 'text'], (o) => o.includes('stenosis'));
    expect(out).toContain(a());
  });
  it('csv', async () => {
    const out = await firstResultBeforeEnd([a(), '-', '--format', 'csv'], (o) =>
      o.includes('spinal_stenosis'),
    );
    expect(out.split('\n')[0]).toMatch(/^source,|,source,/);
  });
  it('json (one document is held back until a second shows it is an array)', async () => {
    const b = join(dir, 'many', 'r000.txt');
    const out = await firstResultBeforeEnd([a(), b, '-'], (o) => o.includes(b));
    expect(out.startsWith('[\n')).toBe(true);
    expect(out).toContain(`"source": "${a()}"`);
  });
});

/** Run a shell pipeline; the exit status of the spinex side comes back on stderr's last line. */
function pipeline(spinexArgs: string, consumer: string) {
  const script = `"${process.execPath}" "${cli}" ${spinexArgs} 2>"${dir}/err.txt" | ${consumer}; echo "status=\${PIPESTATUS[0]}" >&2`;
  const r = spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8' });
  const status = Number(/status=(\d+)/.exec(r.stderr)?.[1]);
  return { stdout: r.stdout, status };
}

describe.skipIf(process.platform === 'win32')(
  'a reader that closes the pipe early',
  { timeout: 60_000 },
  () => {
    it('`extract FOLDER --format jsonl | head -1` ends quietly', async () => {
      const t0 = performance.now();
      const r = pipeline(`extract "${dir}/many" --format jsonl`, 'head -1');
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(r.stdout).source).toBe(join(dir, 'many', 'r000.txt'));
      expect([0, 141]).toContain(r.status);
      expect(await readFile(join(dir, 'err.txt'), 'utf8')).toBe('');
      expect(performance.now() - t0).toBeLessThan(30_000);
    });

    it('the same for text, json, batch and review', async () => {
      for (const args of [
        `extract "${dir}/many" --format text`,
        `extract "${dir}/many" --format json`,
        `batch "${dir}/many" --group-by file --format jsonl`,
        `review "${dir}/many"`,
      ]) {
        const r = pipeline(args, 'head -c 100');
        expect(r.stdout.length, args).toBe(100);
        expect([0, 141], args).toContain(r.status);
        const err = await readFile(join(dir, 'err.txt'), 'utf8');
        expect(err, args).not.toMatch(STACK);
        expect(err, args).not.toMatch(/EPIPE/);
      }
    });
  },
);

describe('--max-bytes reaches every command', { timeout: 60_000 }, () => {
  const limit = ['--max-bytes', '100'];
  const tooLarge = /a\.txt: too-large: is \d+ bytes/;

  it('extract, case, batch and review report the file as too-large and exit 1', () => {
    for (const cmd of [['extract'], ['case'], ['batch'], ['review', '-o', join(dir, 'review.html')]]) {
      const r = run([...cmd, join(dir, 'a.txt'), ...limit]);
      expect(r.status, cmd[0]).toBe(1);
      expect(r.stderr, cmd[0]).toMatch(tooLarge);
    }
    const doc = JSON.parse(run(['extract', join(dir, 'a.txt'), ...limit]).stdout);
    expect(doc.errors[0].code).toBe('too-large');
    expect(doc.findings).toEqual([]);
  });

  it('extract --jsonl-in applies it to inline text and to paths', () => {
    const input = [
      JSON.stringify({ id: 1, text: REPORT }),
      JSON.stringify({ id: 2, path: join(dir, 'a.txt') }),
      JSON.stringify({ id: 3, text: 'Mild spondylosis.' }),
    ].join('\n');
    const r = run(['extract', '--jsonl-in', ...limit], input);
    expect(r.status).toBe(0); // per-line problems are records, as documented for --jsonl-in
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.result.errors.map((e: { code: string }) => e.code))).toEqual([
      ['too-large'],
      ['too-large'],
      [],
    ]);
  });

  it('a limit that is not a positive number is a usage error, one line, exit 2', () => {
    for (const bad of ['0', '-5', 'lots']) {
      const r = run(['extract', join(dir, 'a.txt'), '--max-bytes', bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr.trim().split('\n'), bad).toEqual(['spinex: --max-bytes must be a positive number']);
    }
    expect(run(['batch', join(dir, 'a.txt'), '--max-bytes', 'lots']).status).toBe(2);
  });
});

describe('errors for people', { timeout: 30_000 }, () => {
  it('prints one line per problem: path, code, message; line breaks and control characters escaped', () => {
    expect(problemLine('x.txt', { code: 'empty', message: 'x.txt is empty (0 bytes)' })).toBe(
      'x.txt: empty: is empty (0 bytes)',
    );
    expect(problemLine('y.txt', { code: 'not-found', message: 'y.txt: no such file or folder' })).toBe(
      'y.txt: not-found: no such file or folder',
    );
    expect(problemLine('a\nb.pdf', { code: 'invalid-pdf', message: 'bad xref\n  at offset 12' })).toBe(
      'a\\u000ab.pdf: invalid-pdf: bad xref at offset 12',
    );
  });

  it('turns a stage that throws into an internal-error record; the stack only with --debug', () => {
    const doc: SourceDocument = { source: 'r.txt', text: 'FINDINGS: x', pages: null, errors: [] };
    const broken = {
      extract(): never {
        throw new TypeError("Cannot read properties of undefined (reading 'levels')");
      },
    };
    const said: string[] = [];
    const quiet = extractOne(broken, doc, false, (l) => said.push(l));
    expect(quiet.source).toBe('r.txt');
    expect(quiet.errors.map((e) => e.code)).toEqual(['internal-error']);
    expect(quiet.errors[0]!.message).toContain("reading 'levels'");
    expect(said).toEqual([]);
    extractOne(broken, doc, true, (l) => said.push(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(STACK);
  });

  it('a broken lexicon folder is one line and exit 2; --debug adds the stack', () => {
    const quiet = run(['extract', join(dir, 'a.txt'), '--lexicons', join(dir, 'no-such-lexicons')]);
    expect(quiet.status).toBe(2);
    expect(quiet.stderr.trim().split('\n')).toHaveLength(1);
    expect(quiet.stderr).toMatch(/^spinex: .*no-such-lexicons/);
    const loud = run(['extract', join(dir, 'a.txt'), '--lexicons', join(dir, 'no-such-lexicons'), '--debug']);
    expect(loud.stderr).toMatch(STACK);
  });

  it('an output file that cannot be written is one line and exit 2', () => {
    const r = run(['extract', join(dir, 'a.txt'), '-o', join(dir, 'no-such-folder', 'out.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^spinex: cannot write .*out\.json: ENOENT/),
    ]);
  });

  it('shows no progress display when stderr is not a terminal', () => {
    const r = run(['extract', join(dir, 'many'), '/no/such/file.txt', '--format', 'jsonl']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('/no/such/file.txt: not-found: no such file or folder\n');
  });
});
