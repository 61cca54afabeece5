/**
 * A one-line progress display for batches on stderr: documents done, documents per second, documents with
 * errors. Only on a terminal (a log file or a pipe gets nothing), redrawn at most 10 times a second, and
 * cleared at the end so the summary and the shell prompt start on a clean line. Problem lines written
 * through `note` clear it first, so they are never mixed into it.
 */

/** What the display writes to: process.stderr, or a fake in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  /** Default process.stderr. */
  stream?: ProgressStream;
  /** Force on or off; by default on when the stream is a terminal. */
  enabled?: boolean;
  /** Milliseconds between redraws (default 100: at most 10 a second). */
  interval?: number;
  /** Clock in milliseconds (injectable for tests). */
  now?: () => number;
  /** What is counted, plural (default "documents"). */
  unit?: string;
}

export interface Progress {
  /** One document finished; `failed` when its result carries errors. */
  tick(failed: boolean): void;
  /** Write a whole line (a problem report) without garbling the display. */
  note(line: string): void;
  /** Clear the display. Safe to call more than once. */
  done(): void;
  readonly enabled: boolean;
}

const CLEAR_LINE = '\r\x1b[K';

function rate(count: number, ms: number): string {
  if (ms <= 0) return '-';
  const perSecond = (count * 1000) / ms;
  return perSecond >= 100 ? String(Math.round(perSecond)) : perSecond.toFixed(1);
}

/** The text of the display line (no control characters), cut to `width` columns. */
export function progressLine(
  done: number,
  failed: number,
  elapsedMs: number,
  unit = 'documents',
  width = 80,
): string {
  const seconds = Math.floor(elapsedMs / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  const what = done === 1 ? unit.replace(/s$/, '') : unit;
  const line = `spinex: ${done} ${what}, ${rate(done, elapsedMs)}/s, ${failed} with errors, ${clock}`;
  // One column short of the width: writing the last column makes some terminals wrap.
  return line.length < width ? line : line.slice(0, Math.max(0, width - 1));
}

/** Whether a batch shows progress: stderr is a terminal, and results are not being printed to that terminal. */
export function wantsProgress(output: string | undefined): boolean {
  if (!process.stderr.isTTY || process.env.TERM === 'dumb') return false;
  const toFile = output !== undefined && output !== '-';
  return toFile || !process.stdout.isTTY;
}

export function createProgress(opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const enabled = opts.enabled ?? stream.isTTY === true;
  const interval = opts.interval ?? 100;
  const now = opts.now ?? (() => performance.now());
  const unit = opts.unit ?? 'documents';
  const started = now();
  let done = 0;
  let failed = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  let finished = false;

  const draw = (t: number) => {
    stream.write(`${CLEAR_LINE}${progressLine(done, failed, t - started, unit, stream.columns || 80)}`);
    lastDraw = t;
    shown = true;
  };
  const clear = () => {
    if (shown) stream.write(CLEAR_LINE);
    shown = false;
  };

  // A process that ends early (a reader closed the pipe) still leaves a clean line for the shell prompt.
  if (enabled && stream === process.stderr) process.once('exit', clear);

  return {
    enabled,
    tick(isFailed: boolean) {
      done++;
      if (isFailed) failed++;
      if (!enabled || finished) return;
      const t = now();
      if (t - lastDraw >= interval) draw(t);
    },
    note(line: string) {
      if (enabled) clear();
      // The display comes back at a later tick, within the redraw limit.
      stream.write(line.endsWith('\n') ? line : `${line}\n`);
    },
    done() {
      if (finished) return;
      finished = true;
      if (enabled) clear();
    },
  };
}

let stderrGuarded = false;

/**
 * A reader that closes stderr early (`2>&1 | head`) must not turn a problem report into a crash with a
 * stack trace: write errors on stderr are ignored (there is nowhere left to report them).
 */
export function guardStderr(): void {
  if (stderrGuarded) return;
  stderrGuarded = true;
  process.stderr.on('error', () => undefined);
}
