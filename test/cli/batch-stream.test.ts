/**
 * `batch --group-by file|dir` with one job writes each case before it reads the next case's documents: only
 * the listing is held, so a batch of years of reports runs in flat memory. Shown with a named pipe as the last
 * input: the earlier cases come out while nothing has been written to the pipe yet.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';

const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe.runIf(canMakeFifo)('batch with one job streams its cases', () => {
  it('writes the cases it has before the last document can be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-stream-'));
    writeFileSync(join(dir, 'a-mri.txt'), 'IMPRESSION: Mild loss of height of the L2 vertebral body.\n');
    writeFileSync(join(dir, 'b-clinic.txt'), 'ASSESSMENT: Low back pain for 3 months, no weakness.\n');
    const pipe = join(dir, 'z-last.txt');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);

    // Named one by one: a folder walk lists regular files only.
    const inputs = ['a-mri.txt', 'b-clinic.txt', 'z-last.txt'].map((f) => join(dir, f));
    const child = spawn(process.execPath, [
      cli,
      'batch',
      ...inputs,
      '--group-by',
      'file',
      '--format',
      'jsonl',
      '--jobs',
      '1',
    ]);
    let out = '';
    child.stdout.setEncoding('utf8');
    const twoCases = new Promise<void>((resolve) => {
      child.stdout.on('data', (s: string) => {
        out += s;
        if (out.split('\n').length > 2) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Only once the first two cases are out does the last document get its text (the open blocks until then).
    const stop = setTimeout(() => child.kill(), 20_000);
    await Promise.race([twoCases, exited]);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).caseId),
    ).toEqual(['a-mri.txt', 'b-clinic.txt']);
    writeFileSync(pipe, 'IMPRESSION: Multilevel spondylosis.\n');
    expect(await exited).toBe(0);
    clearTimeout(stop);
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).caseId),
    ).toEqual(['a-mri.txt', 'b-clinic.txt', 'z-last.txt']);
  }, 30_000);
});
