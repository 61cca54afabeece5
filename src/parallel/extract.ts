/**
 * `spinex extract --jobs N` (N > 1): inputs are listed on the main thread and read, extracted and formatted
 * in workers, a window of N x WINDOW_PER_JOB at a time; results, problem lines and the progress display
 * come out on the main thread in input order, byte for byte as with one job.
 */
import { type ExtractCliOptions, problemLine } from '../cli/extract.js';
import { createProgress, wantsProgress } from '../cli/progress.js';
import { type IngestOptions, type Input, listInputs } from '../ingest/index.js';
import { openOutput } from '../output/writer.js';
import { createChunkWriter } from './chunk-writer.js';
import { lookahead, runOrdered } from './ordered.js';
import { createExecutor, type Executor } from './pool.js';
import type { CaseDocumentOutcome, DocumentOutcome, DocumentReport, WorkerSettings } from './protocol.js';
import { SetupError } from './protocol.js';
import { stoppedOutcome } from './tasks.js';

/** Tasks in flight per job: enough to keep every worker busy while the main thread writes. */
export const WINDOW_PER_JOB = 8;

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
    const { items, many } = await lookahead(listInputs(paths, ingest));
    await runOrdered(
      items,
      jobs * WINDOW_PER_JOB,
      (input) => dispatch(exec, settings, many, { kind: 'document', input }),
      async (outcome) => {
        if (outcome.stack) say(outcome.stack);
        await writer.write(outcome.chunk);
        documents++;
        if (outcome.errors.length) failed++;
        reportDocument({ source: outcome.source, errors: outcome.errors }, say);
        progress.tick(outcome.errors.length > 0);
      },
    );
  } finally {
    progress.done();
    await exec.close();
  }
  await writer.close();
  return { documents, failed };
}
