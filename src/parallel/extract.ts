/**
 * `spinex extract --jobs N` (N > 1): inputs are listed on the main thread and read, extracted and formatted
 * in workers, in runs of INPUTS_PER_TASK, N x RUNS_PER_JOB runs at a time; results, problem lines and the
 * progress display come out on the main thread in input order, byte for byte as with one job. Inputs too
 * few to pay back the workers' start-up (workersPayBack) are all read on the main thread.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { ExtractCliOptions } from '../cli/extract.js';
import { createProgress, wantsProgress } from '../cli/progress.js';
import { type IngestOptions, type Input, listInputs } from '../ingest/index.js';
import { extensionOf } from '../ingest/walk.js';
import { problemLine } from '../output/problem-line.js';
import { openOutput } from '../output/writer.js';
import { createChunkWriter } from './chunk-writer.js';
import { lookahead, runOrdered, runsOf } from './ordered.js';
import { createExecutor, type Executor } from './pool.js';
import type { CaseDocumentOutcome, DocumentOutcome, DocumentReport, WorkerSettings } from './protocol.js';
import { SetupError } from './protocol.js';
import { stoppedOutcome } from './tasks.js';

/** Tasks in flight per job: enough to keep every worker busy while the main thread writes. */
export const WINDOW_PER_JOB = 8;

/**
 * Inputs per task for files: a worker answers a run of them in one message, which spares the main thread
 * and the workers a round trip and tinypool's bookkeeping per input. On the real notes x10 with --jobs 2,
 * runs of 4 took the CPU time of the whole process from 11.8 s to 10.7 s (medians of 4); runs of 8 or 16
 * saved no more and raised peak RSS (by 15 and 55 MB).
 */
export const INPUTS_PER_TASK = 4;

/** Runs in flight per job (16 inputs): a worker finds its next run queued when it finishes one. */
export const RUNS_PER_JOB = 4;

const MB = 1024 * 1024;

/**
 * Workers start only for work that may pay back their start-up: each loads the pipeline, builds its own
 * lexicons and has V8 optimise the same code again (TurboFan, on V8's own threads), 1 to 2 s of CPU per
 * worker. When the workers fill every core, that compiling and V8's garbage collection compete with them for
 * the same cores instead of using a spare one, as they do beside one job. Measured on 2 cores, --jobs 2
 * against one job: 0.76x on 957 short notes; 0.84-0.96x on the same notes ten times over (9,570 files,
 * 18.5 MB); 0.9-1.0x on 10,000 synthetic reports (8.4 MB, the break-even), 1.1x on 20,000 and 1.4-1.6x on
 * 100,000. Each further worker on a core of its own shares that bill, so the thresholds fall with the number
 * of jobs the cores can run at once (an estimate: only 2 cores were measured; more jobs than cores share
 * nothing more), never below 256 files or 1 MB. Any file that is not plain text (a PDF) starts them: its parsing
 * is slow, and a parser that crashes then costs one record only. SPINEX_TEST_MIN_WORKER_INPUTS sets the count
 * for tests that need workers on a few samples.
 */
export function workerThresholds(
  jobs: number,
  cores: number = availableParallelism(),
): { inputs: number; bytes: number } {
  const running = Math.min(Number.isFinite(jobs) ? Math.floor(jobs) : 1, cores);
  const share = Math.max(1, running - 1);
  return {
    inputs: Number(process.env.SPINEX_TEST_MIN_WORKER_INPUTS) || Math.max(256, Math.round(10_000 / share)),
    bytes: Math.max(MB, Math.round((32 * MB) / share)),
  };
}
const PLAIN_TEXT = new Set(['.txt', '.text', '.md', '']);

/** A `lookahead` test of the inputs listed so far: do they justify starting `jobs` workers? */
export function workersPayBack(
  jobs: number,
  cores: number = availableParallelism(),
): (seen: readonly Input[]) => boolean {
  const min = workerThresholds(jobs, cores);
  let counted = 0;
  let bytes = 0;
  let heavy = false;
  return (seen) => {
    for (; counted < seen.length; counted++) {
      const path = seen[counted]!.path;
      if (path === null) continue;
      if (!PLAIN_TEXT.has(extensionOf(basename(path)))) heavy = true;
      bytes += sizeOf(path);
    }
    return seen.length >= 2 && (heavy || seen.length >= min.inputs || bytes >= min.bytes);
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // read as one job would, where its error record is made
  }
}

export function workerSettings(
  opts: Pick<ExtractCliOptions, 'format' | 'lexicons' | 'includeText' | 'debug'>,
  ingest: IngestOptions,
  extra: Partial<WorkerSettings> = {},
): WorkerSettings {
  const { stdin: _stdin, ...fileIngest } = ingest;
  return {
    ...(opts.lexicons ? { lexiconDir: opts.lexicons } : {}),
    includeText: opts.includeText ?? false,
    ingest: fileIngest,
    debug: opts.debug ?? false,
    format: opts.format,
    ...extra,
  };
}

type InputTask = { kind: 'document'; input: Input } | { kind: 'case-document'; input: Input };

/**
 * Run a per-input task in a worker when there are several inputs, else on the main thread; standard input
 * is read on the main thread (a worker has none). A worker that stops yields an internal-error record.
 */
export function dispatch(
  exec: Executor,
  settings: WorkerSettings,
  many: boolean,
  task: { kind: 'document'; input: Input },
): Promise<DocumentOutcome>;
export function dispatch(
  exec: Executor,
  settings: WorkerSettings,
  many: boolean,
  task: { kind: 'case-document'; input: Input },
): Promise<CaseDocumentOutcome>;
export function dispatch(
  exec: Executor,
  settings: WorkerSettings,
  many: boolean,
  task: InputTask,
): Promise<DocumentOutcome | CaseDocumentOutcome> {
  if (!many || task.input.path === null) return exec.local(task);
  return exec.remote(task).catch((err: unknown) => {
    if (err instanceof SetupError) throw err;
    return stoppedOutcome(settings, task, err instanceof Error ? err : new Error(String(err))) as
      | DocumentOutcome
      | CaseDocumentOutcome;
  });
}

export function dispatchAll(
  exec: Executor,
  settings: WorkerSettings,
  many: boolean,
  kind: 'document',
  inputs: Input[],
): Promise<DocumentOutcome[]>;
export function dispatchAll(
  exec: Executor,
  settings: WorkerSettings,
  many: boolean,
  kind: 'case-document',
  inputs: Input[],
): Promise<CaseDocumentOutcome[]>;
/**
 * A run of inputs, each a `kind` task, in one worker. Should its worker stop, each task is run again on
 * its own, so that the input that stops a worker costs its own record only (see dispatch).
 */
export async function dispatchAll(
  exec: Executor,
  settings: WorkerSettings,
  many: boolean,
  kind: InputTask['kind'],
  inputs: Input[],
): Promise<(DocumentOutcome | CaseDocumentOutcome)[]> {
  const tasks: InputTask[] = inputs.map((input) => ({ kind, input }));
  const one = (task: InputTask) =>
    task.kind === 'document' ? dispatch(exec, settings, many, task) : dispatch(exec, settings, many, task);
  if (!many || tasks.length < 2 || tasks.some((t) => t.input.path === null))
    return Promise.all(tasks.map(one));
  try {
    return await exec.remoteAll<InputTask>(tasks);
  } catch (err) {
    if (err instanceof SetupError) throw err;
    return Promise.all(tasks.map(one));
  }
}

/** Standard input is read on the main thread: it never shares a run with files. */
export const onMainThread = (input: Input): boolean => input.path === null;

/** Problem lines of one document, after its --debug stack trace, as one job prints them. */
export function reportDocument(report: DocumentReport, say: (line: string) => void): void {
  if (report.stack) say(report.stack);
  for (const e of report.errors) say(problemLine(report.source, e));
}

export async function runExtractParallel(
  paths: string[],
  opts: ExtractCliOptions,
  ingest: IngestOptions,
  jobs: number,
): Promise<{ documents: number; failed: number }> {
  const settings = workerSettings(opts, ingest);
  const exec = createExecutor(jobs, settings);
  const writer = createChunkWriter(() => openOutput(opts.output), opts.format);
  const progress = createProgress({ enabled: wantsProgress(opts.output) });
  const say = (line: string) => progress.note(line);
  let documents = 0;
  let failed = 0;
  try {
    const { items, many } = await lookahead(
      listInputs(paths, ingest),
      Number.POSITIVE_INFINITY,
      workersPayBack(jobs),
    );
    await runOrdered(
      runsOf(items, INPUTS_PER_TASK, onMainThread),
      jobs * RUNS_PER_JOB,
      (run) => dispatchAll(exec, settings, many, 'document', run),
      async (outcomes) => {
        for (const outcome of outcomes) {
          if (outcome.stack) say(outcome.stack);
          await writer.write(outcome.chunk);
          documents++;
          if (outcome.errors.length) failed++;
          reportDocument({ source: outcome.source, errors: outcome.errors }, say);
          progress.tick(outcome.errors.length > 0);
        }
      },
    );
  } finally {
    progress.done();
    await exec.close();
  }
  await writer.close();
  return { documents, failed };
}
