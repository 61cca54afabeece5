/**
 * `batch --group-by file|dir` with one job writes each case before it reads the next case's documents: only
 * the listing is held, so a batch of years of reports runs in flat memory. Shown with a named pipe as the last
 * input: the earlier cases come out while nothing has been written to the pipe yet.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';
import { builtCli } from '../helpers/cli.js';

const cli = builtCli;
const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

/** Open a named pipe for writing as soon as a reader has it open (polling); throws once `gone()` holds. */
async function openWhenRead(pipe: string, gone: () => boolean): Promise<number> {
  for (;;) {
    try {
      return openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENXIO' || gone()) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe.runIf(canMakeFifo)('batch with one job streams its cases', () => {
  it('writes the cases it has before the last document can be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-stream-'));
    writeFileSync(join(dir, 'a-mri.txt'), 'IMPRESSION: Mild loss of height of the L2 vertebral body.\n');
    writeFileSync(join(dir, 'b-clinic.txt'), 'ASSESSMENT: Low back pain for 3 months, no weakness.\n');
    const pipe = join(dir, 'z-last.txt');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    // Named one by one: a folder walk lists regular files only.
    const inputs = ['a-mri.txt', 'b-clinic.txt', 'z-last.txt'].map((f) => join(dir, f));
    const args = [cli, 'batch', ...inputs, '--group-by', 'file', '--format', 'jsonl', '--jobs', '1'];
    const child = spawn(process.execPath, args);
    const stop = setTimeout(() => child.kill(), 20_000);
    try {
      let out = '';
      child.stdout.setEncoding('utf8');
      const twoCases = new Promise<void>((resolve) => {
        child.stdout.on('data', (s: string) => {
          out += s;
          if (out.split('\n').length > 2) resolve();
        });
      });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await Promise.race([twoCases, exited]);
      const ids = () =>
        out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l).caseId);
      expect(ids()).toEqual(['a-mri.txt', 'b-clinic.txt']);
      // Only now does the last document get its text, once spinex opens the pipe to read it. A non-blocking
      // open fails (ENXIO) while it has no reader, so the test never waits for ever on it.
      const fd = await openWhenRead(pipe, () => child.exitCode !== null);
      writeSync(fd, 'IMPRESSION: Multilevel spondylosis.\n');
      closeSync(fd);
      expect(await exited).toBe(0);
      expect(ids()).toEqual(['a-mri.txt', 'b-clinic.txt', 'z-last.txt']);
    } finally {
      clearTimeout(stop);
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('batch with one job and a lexicon folder that cannot load', () => {
  it('is a usage error with no output file, even when there is nothing to read', () => {
    const lexicons = mkdtempSync(join(tmpdir(), 'spinex-halflex-'));
    writeFileSync(
      join(lexicons, 'guideline.json'),
      readFileSync(join(packageRoot(), 'lexicons', 'guideline.json')),
    );
    const empty = mkdtempSync(join(tmpdir(), 'spinex-empty-'));
    const out = join(empty, 'cases.json');
    const r = spawnSync(
      process.execPath,
      [cli, 'batch', empty, '--lexicons', lexicons, '--jobs', '1', '-o', out],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read lexicon .*sections\.json/);
    expect(existsSync(out)).toBe(false);
    rmSync(lexicons, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });
});
