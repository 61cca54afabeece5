/**
 * The worker of `--jobs N` (a tinypool worker thread): builds its extractor once from the run's settings,
 * then reads, extracts and formats each task it is given (see tasks.ts).
 *
 * Test hook: SPINEX_TEST_WORKER_CRASH="throw:NAME" or "exit:NAME" makes a worker that is given an input
 * whose source ends with NAME (or a stdin line containing NAME) die as a worker can in the field: an
 * uncaught exception from asynchronous code (a library's stray callback), or a call to process.exit
 * (which this module turns into an error of the task, so that the pool does not wait on a dead thread).
 * test/cli/jobs.test.ts uses it to check that the batch goes on and the document gets an error record.
 */
import { Tinypool } from 'tinypool';
import type { PingTask, SetupFailure, Task, TaskList, WorkerSettings } from './protocol.js';
import { createTaskContext, runTaskOrList, type TaskContext } from './tasks.js';

const settings = Tinypool.workerData as WorkerSettings;

// A library that calls process.exit would end this thread without an 'error' event, and tinypool would
// wait for ever on the task it was running: make the call an error of that task instead.
// Node itself calls process.exit to end a thread after an uncaught exception: that call must go through,
// or a second error (with its stack) is printed over the first.
const realExit = process.exit.bind(process);
let dying = false;
process.on('uncaughtExceptionMonitor', () => {
  dying = true;
});
process.exit = (code?: number | string | null) => {
  if (dying) return realExit(code);
  throw new Error(`process.exit(${code ?? ''}) was called in a worker thread`);
};
let context: Promise<TaskContext> | undefined;

function crashHook(task: Task): Promise<never> | undefined {
  const spec = process.env.SPINEX_TEST_WORKER_CRASH;
  if (!spec) return undefined;
  const colon = spec.indexOf(':');
  const how = spec.slice(0, colon);
  const name = spec.slice(colon + 1);
  const hit =
    task.kind === 'line'
      ? task.raw.includes(name)
      : (task.kind === 'group' ? task.inputs : [task.input]).some((i) => i.source.endsWith(name));
  if (!hit) return undefined;
  if (how === 'exit') process.exit(70);
  setImmediate(() => {
    throw new Error(`simulated crash on ${name}`);
  });
  return new Promise<never>(() => undefined);
}

export default async function work(task: Task | TaskList | PingTask): Promise<unknown> {
  if (task.kind === 'ping') return 'ready';
  const tasks = task.kind === 'tasks' ? task.tasks : [task];
  for (const t of tasks) {
    const crash = crashHook(t);
    if (crash) return crash;
  }
  let ctx: TaskContext;
  try {
    context ??= createTaskContext(settings);
    ctx = await context;
  } catch (err) {
    const failure: SetupFailure = { setupError: (err as Error)?.message ?? String(err) };
    return failure;
  }
  return runTaskOrList(ctx, task);
}
