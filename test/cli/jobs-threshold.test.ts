/**
 * When `--jobs N` starts workers: only for input that can pay back their start-up (the measurements are in
 * src/parallel/extract.ts). The thresholds fall as more workers share that start-up, never below 256 files
 * or 1 MB; a PDF always starts them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../src/ingest/index.js';
import { workersPayBack, workerThresholds } from '../../src/parallel/extract.js';

const MB = 1024 * 1024;
const missing = (n: number): Input[] =>
  Array.from({ length: n }, (_, i) => ({ source: `note-${i}.txt`, path: `/nonexistent/note-${i}.txt` }));

describe('when --jobs starts workers', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.SPINEX_TEST_MIN_WORKER_INPUTS;
    delete process.env.SPINEX_TEST_MIN_WORKER_INPUTS;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SPINEX_TEST_MIN_WORKER_INPUTS;
    else process.env.SPINEX_TEST_MIN_WORKER_INPUTS = saved;
  });

  it('asks more of the input the fewer workers share their start-up', () => {
    expect(workerThresholds(2, 2)).toEqual({ inputs: 10_000, bytes: 32 * MB });
    expect(workerThresholds(3, 8)).toEqual({ inputs: 5_000, bytes: 16 * MB });
    expect(workerThresholds(5, 8)).toEqual({ inputs: 2_500, bytes: 8 * MB });
    expect(workerThresholds(64, 64)).toEqual({ inputs: 256, bytes: MB });
  });

  it('counts only the jobs the cores can run at once', () => {
    // --jobs 8 on 2 cores: two workers run at a time, and the start-up of all 8 is still paid.
    expect(workerThresholds(8, 2)).toEqual(workerThresholds(2, 2));
    expect(workerThresholds(Number.NaN, 4)).toEqual(workerThresholds(1, 4));
  });

  it('counts files: a few thousand short notes stay on the main thread with two jobs', () => {
    expect(workersPayBack(2, 2)(missing(9_999))).toBe(false);
    expect(workersPayBack(2, 2)(missing(10_000))).toBe(true);
    expect(workersPayBack(8, 8)(missing(1_500))).toBe(true);
    expect(workersPayBack(8, 8)(missing(1))).toBe(false);
  });

  it('counts bytes, and starts workers for any PDF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-threshold-'));
    const big = join(dir, 'long-report.txt');
    writeFileSync(big, 'IMPRESSION: Multilevel spondylosis. '.repeat(Math.ceil((3 * MB) / 36)));
    const small = join(dir, 'short-note.txt');
    writeFileSync(small, 'IMPRESSION: Mild L2 height loss.\n');
    const two = [
      { source: 'long-report.txt', path: big },
      { source: 'short-note.txt', path: small },
    ];
    // 3 MB: enough once 11 workers share the start-up (a 2.9 MB threshold), not for two jobs (32 MB), nor
    // for 12 jobs on 2 cores.
    expect(workersPayBack(12, 12)(two)).toBe(true);
    expect(workersPayBack(2, 2)(two)).toBe(false);
    expect(workersPayBack(12, 2)(two)).toBe(false);
    const withPdf = [...two.slice(1), { source: 'scan.pdf', path: join(dir, 'scan.pdf') }];
    expect(workersPayBack(2, 2)(withPdf)).toBe(true);
    // One input never starts them, whatever it is.
    expect(workersPayBack(2, 2)(withPdf.slice(1))).toBe(false);
  });

  it('lets the tests set the file count', () => {
    process.env.SPINEX_TEST_MIN_WORKER_INPUTS = '3';
    expect(workersPayBack(2, 2)(missing(3))).toBe(true);
  });
});
