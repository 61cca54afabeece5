/**
 * `spinex` runs a bundle of the compiled modules (scripts/bundle.mjs). It must be the same program as
 * dist/src: the same output for every command, its workers found and its stem memo read.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { STEM_MEMO_FILE } from '../../src/text/stems.js';
import { LEXICON_MEMO_FILE } from '../../src/util/lexicon-memo.js';
import { packageRoot } from '../../src/util/package-root.js';
import { builtCli } from '../helpers/cli.js';

const root = packageRoot();
const modules = join(root, 'dist', 'src', 'cli', 'main.js');
const run = (cli: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env },
  });

describe('the bundled command line', { timeout: 120_000 }, () => {
  it('is a bundle beside its worker and the build’s stem memo', () => {
    expect(builtCli).not.toBe(modules);
    const dir = dirname(builtCli);
    expect(readFileSync(join(dir, 'worker.js'), 'utf8')).toMatch(/parentPort|workerData|tinypool/i);
    expect(readFileSync(join(dir, STEM_MEMO_FILE), 'utf8')).toBe(
      readFileSync(join(root, 'dist', 'src', 'text', STEM_MEMO_FILE), 'utf8'),
    );
    expect(readFileSync(join(dir, LEXICON_MEMO_FILE), 'utf8')).toBe(
      readFileSync(join(root, 'dist', 'src', 'util', LEXICON_MEMO_FILE), 'utf8'),
    );
  });

  it('writes a review page whose script is the one its security policy allows', () => {
    const r = run(builtCli, ['review', 'samples/cases', '--jobs', '1']);
    expect(r.status).toBe(0);
    const script = /<script>([\s\S]*?)<\/script>/.exec(r.stdout)![1]!;
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(r.stdout).toContain(`script-src &#39;sha256-${hash}&#39;`);
    // esbuild reprints the page's client code: it must still compile.
    expect(() => new Script(script)).not.toThrow();
  });

  it.each([
    ['extract', 'samples/reports', '--format', 'jsonl'],
    ['batch', 'samples/cases', '--group-by', 'dir', '--format', 'jsonl'],
    ['batch', 'samples/cases', '--group-by', 'dir', '--format', 'csv'],
  ])('writes what the modules write: %s %s', (...args) => {
    const bundled = run(builtCli, [...args, '--jobs', '1']);
    const plain = run(modules, [...args, '--jobs', '1']);
    expect(bundled.status).toBe(plain.status);
    expect(bundled.stdout.length).toBeGreaterThan(1000);
    expect(bundled.stdout).toBe(plain.stdout);
    expect(bundled.stderr).toBe(plain.stderr);
  });

  it('runs documents in its own workers with the same output', () => {
    const args = ['extract', 'samples/reports', '--format', 'jsonl'];
    const workers = run(builtCli, [...args, '--jobs', '2'], { SPINEX_TEST_MIN_WORKER_INPUTS: '2' });
    const one = run(builtCli, [...args, '--jobs', '1']);
    expect(workers.status).toBe(one.status);
    expect(workers.stdout).toBe(one.stdout);
  });
});
