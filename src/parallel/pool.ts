/**
 * Where tasks run: in a tinypool of worker threads, started only when asked for (tinypool itself is imported
 * then, so a run that never needs workers never loads it), or on the main thread (standard input, a run
 * with a single input). A worker that dies mid-task fails that task only; the pool replaces the worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tinypool } from 'tinypool';
import type { Guideline } from '../guideline/index.js';
import { packageRoot } from '../util/package-root.js';
import {
  isSetupFailure,
  type OutcomeOf,
  type PingTask,
  SetupError,
  type Task,
  type TaskList,
  type WorkerSettings,
} from './protocol.js';
import { createTaskContext, runTask, runTaskOrList, type TaskContext } from './tasks.js';

/** Three semi-spaces of 4 MB. */
const YOUNG_GENERATION_MB = 12;

/**
 * A worker's old generation, at most. V8 lets a heap grow before it next collects by a factor of its live
 * size that depends on the heap's limit: 4 when the limit is 2 GB or more (a worker inherits the main
 * thread's, about 4 GB here), falling to 1.3-1.4 at 512 MB or less. A worker keeps some 35 MB live, so its
 * heap swelled to about 80 MB of mostly garbage: capped, peak RSS over 100,000 documents with two jobs fell
 * from 300-350 MB to about 250 MB, for no measurable time. The cap fits a text document of some 12 MB; one
 * that needs more makes its worker run out of memory, and the task is then run on the main thread, whose
 * limit is V8's default (see `answer`). SPINEX_TEST_WORKER_HEAP_MB lowers it for a test.
 */
export function workerOldGenerationMb(): number {
  return Number(process.env.SPINEX_TEST_WORKER_HEAP_MB) || 512;
}

/** A worker ended by V8 for reaching its heap limit (Node's code for it). */
export function isWorkerOutOfMemory(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** The most setTimeout accepts: workers are never retired for being idle while a run lasts. */
const NEVER = 2 ** 31 - 1;

/**
 * The compiled worker: beside this module in dist/, or, when the TypeScript sources run (vitest), the one
 * `npm run build` put in dist/ (a worker thread cannot load .ts files on Node 20).
 */
export function workerModule(here: string = import.meta.url): string {
  const filename = here.endsWith('.ts')
    ? join(packageRoot(), 'dist', 'src', 'parallel', 'worker.js')
    : fileURLToPath(new URL('./worker.js', here));
  if (!existsSync(filename)) throw new SetupError(`the worker module ${filename} is missing (npm run build)`);
  return filename;
}

export interface Executor {
  /** Run on the main thread (building its extractor on first use). */
  local<T extends Task>(task: T): Promise<OutcomeOf<T>>;
  /** Build the main thread's extractor now: rejects as `local` would when the lexicons cannot load. */
  prepareLocal(): Promise<void>;
  /**
   * Run in a worker (starting the pool on first use). Rejects with a SetupError when the workers cannot
   * build their extractor, or with the error of a worker that stopped while running this task.
   */
  remote<T extends Task>(task: T): Promise<OutcomeOf<T>>;
  /** Run several tasks one after the other in one worker; rejects as `remote` does if any cannot finish. */
  remoteAll<T extends Task>(tasks: T[]): Promise<OutcomeOf<T>[]>;
  close(): Promise<void>;
}

/** `guideline`: already loaded on the main thread from `settings`, for tasks run there (see createTaskContext). */
export function createExecutor(jobs: number, settings: WorkerSettings, guideline?: Guideline): Executor {
  let localContext: Promise<TaskContext> | undefined;
  const localReady = () => (localContext ??= createTaskContext(settings, guideline));
  let pool: Promise<Tinypool> | undefined;
  const state: { fatal?: Error; answered: boolean } = { answered: false };
  const cannotStart = (err: Error) => new SetupError(`the worker threads could not start: ${err.message}`);
  // The pool's first task, answered once a worker has loaded its module: when it fails, the module cannot
  // load, which is reported as such instead of as a crash on whichever document came first.
  let booted: Promise<Error | null> = Promise.resolve(null);
  // Tasks waiting on the pool. Should it ever stop answering with nothing left running, the event loop
  // empties and Node would exit 0 in the middle of the batch: 'beforeExit' fails them instead.
  const waiting = new Set<(err: Error) => void>();
  const onBeforeExit = () => {
    if (waiting.size === 0) return;
    state.fatal ??= new Error('they stopped answering');
    for (const fail of waiting) fail(state.fatal);
  };

  const run = (p: Tinypool, task: Task | TaskList | PingTask): Promise<unknown> =>
    new Promise((resolve, reject) => {
      waiting.add(reject);
      p.run(task)
        .then(resolve, reject)
        .finally(() => waiting.delete(reject));
    });

  const open = async (): Promise<Tinypool> => {
    const { Tinypool } = await import('tinypool');
    const p = new Tinypool({
      filename: workerModule(),
      minThreads: 1,
      maxThreads: jobs,
      idleTimeout: NEVER,
      workerData: settings,
      // A 4 MB semi-space (V8's default is 16): a worker's peak RSS drops by about 25 MB, and the extra
      // scavenges cost nothing measurable (objects of one document die young).
      resourceLimits: {
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
        maxOldGenerationSizeMb: workerOldGenerationMb(),
      },
    });
    // A worker that dies between tasks is replaced by the pool. One that cannot even start leaves the
    // queue waiting for ever (tinypool stops replacing workers that fail while starting): end the run.
    p.on('error', (err: Error) => {
      if (state.answered && p.threads.length > 0) return;
      state.fatal ??= err;
      void p.destroy().catch(() => undefined);
    });
    process.on('beforeExit', onBeforeExit);
    const ping: PingTask = { kind: 'ping' };
    booted = run(p, ping).then(
      () => {
        state.answered = true;
        return null;
      },
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
    return p;
  };

  const answer = async (task: Task | TaskList): Promise<unknown> => {
    pool ??= open();
    const p = await pool;
    if (state.fatal) throw cannotStart(state.fatal);
    let out: unknown;
    try {
      out = await run(p, task);
      state.answered = true;
    } catch (err) {
      if (state.fatal) throw cannotStart(state.fatal);
      const boot = await booted;
      if (boot) throw cannotStart(boot);
      // Too large for a worker's heap, not broken: the main thread has room (the pool replaces the worker).
      if (isWorkerOutOfMemory(err)) return runTaskOrList(await localReady(), task);
      throw err;
    }
    if (isSetupFailure(out)) throw new SetupError(out.setupError);
    return out;
  };

  return {
    async local(task) {
      return runTask(await localReady(), task);
    },
    async prepareLocal() {
      await localReady();
    },
    remote(task) {
      return answer(task) as Promise<OutcomeOf<typeof task>>;
    },
    remoteAll(tasks) {
      return answer({ kind: 'tasks', tasks }) as Promise<OutcomeOf<(typeof tasks)[number]>[]>;
    },
    async close() {
      process.off('beforeExit', onBeforeExit);
      if (pool) await (await pool).destroy();
    },
  };
}
