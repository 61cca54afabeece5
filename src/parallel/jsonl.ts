/**
 * `spinex extract --jsonl-in --jobs N` (N > 1): each stdin line is answered in a worker, the answers written
 * in line order, each as soon as every earlier one is out. A client that sends one line and waits for its
 * answer gets it from the main thread (no second line arrives within FIRST_LINE_WAIT_MS, so no workers
 * start); once a second line comes, the rest go to workers.
 */
import type { Writable } from 'node:stream';
import type { ExtractCliOptions } from '../cli/extract.js';
import type { JsonlInSummary } from '../cli/jsonl-in.js';
import type { IngestOptions } from '../ingest/index.js';
import { WINDOW_PER_JOB, workerSettings } from './extract.js';
import { lookahead, runOrdered } from './ordered.js';
import { createExecutor } from './pool.js';
import { type LineOutcome, SetupError } from './protocol.js';
import { stoppedOutcome } from './tasks.js';

export const FIRST_LINE_WAIT_MS = 50;

function put(out: Writable, chunk: string): Promise<void> {
  return out.write(chunk) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r()));
}

export async function runJsonlInParallel(
  lines: AsyncIterable<string>,
  out: () => Writable,
  opts: ExtractCliOptions,
  ingest: IngestOptions,
  jobs: number,
): Promise<JsonlInSummary> {
  const settings = workerSettings(opts, ingest);
  const exec = createExecutor(jobs, settings);
  const summary: JsonlInSummary = { lines: 0, errors: 0, documentErrors: 0 };
  try {
    const { items, many } = await lookahead(lines, FIRST_LINE_WAIT_MS);
    await runOrdered(
      items,
      jobs * WINDOW_PER_JOB,
      (raw, index) => {
        const task = { kind: 'line' as const, raw, line: index + 1 };
        if (!many && index === 0) return exec.local(task);
        return exec.remote(task).catch((err: unknown) => {
          if (err instanceof SetupError) throw err;
          return stoppedOutcome(
            settings,
            task,
            err instanceof Error ? err : new Error(String(err)),
          ) as LineOutcome;
        });
      },
      async (outcome) => {
        summary.lines++;
        if (outcome.lineError) summary.errors++;
        if (outcome.documentError) summary.documentErrors++;
        if (outcome.stack) process.stderr.write(`${outcome.stack}\n`);
        await put(out(), `${outcome.chunk}\n`);
      },
    );
  } finally {
    await exec.close();
  }
  return summary;
}
