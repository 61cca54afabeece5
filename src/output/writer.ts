/**
 * Streaming writers for json (an array), jsonl (one object per line) and text. Results are written as
 * each document finishes; a reader that closes the pipe early (`| head`) ends the process quietly.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

export type OutputFormat = 'json' | 'jsonl' | 'text';

export interface ResultWriter<T> {
  write(item: T): Promise<void>;
  close(): Promise<void>;
}

/**
 * A reader gone (EPIPE) ends the process quietly; any other write failure (a bad `-o` path, a full disk) is one
 * line on stderr and exit code 2, not a stack trace.
 */
function onWriteError(stream: Writable, path: string | undefined): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    const where = path && path !== '-' ? path : 'standard output';
    process.stderr.write(`spinex: cannot write ${where}: ${err.message}\n`);
    process.exit(2);
  });
}

function put(stream: Writable, chunk: string): Promise<void> {
  return stream.write(chunk) ? Promise.resolve() : new Promise((r) => stream.once('drain', () => r()));
}

export function openOutput(path: string | undefined): Writable {
  const stream = path && path !== '-' ? createWriteStream(path) : process.stdout;
  onWriteError(stream, path);
  return stream;
}

/**
 * `json` of one result is that object and of several a JSON array (the contract), so the first item is held
 * back until a second one arrives or the output closes.
 */
export function createWriter<T>(
  stream: Writable,
  format: OutputFormat,
  toText: (item: T) => string,
): ResultWriter<T> {
  let count = 0;
  // Held as text: an item too large to serialise then fails in its own write(), not in the next one's.
  let held = '';
  const pretty = (x: T) => JSON.stringify(x, null, 2);
  return {
    async write(item: T) {
      if (format === 'jsonl') await put(stream, `${JSON.stringify(item)}\n`);
      else if (format === 'json') {
        if (count === 0) held = pretty(item);
        else if (count === 1) await put(stream, `[\n${held},\n${pretty(item)}`);
        else await put(stream, `,\n${pretty(item)}`);
      } else await put(stream, `${count === 0 ? '' : '\n'}${toText(item)}\n`);
      count++;
    },
    async close() {
      if (format === 'json') await put(stream, count === 0 ? '[]\n' : count === 1 ? `${held}\n` : '\n]\n');
      if (stream !== process.stdout) await new Promise<void>((r) => stream.end(() => r()));
    },
  };
}
