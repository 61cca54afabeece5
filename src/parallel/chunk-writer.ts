/**
 * The writers of output/ for items a worker has already formatted (tasks.ts formatDocument/formatCase):
 * the same separators, array brackets and CSV header, so the bytes equal those of one job. The stream is
 * opened at the first write, as one job opens it only once the extractor is built: a run that cannot start
 * (a bad --lexicons folder) leaves no empty output file behind.
 */
import type { Writable } from 'node:stream';
import type { ResultFormat } from '../cli/extract.js';
import { formatCsv } from '../output/csv.js';
import type { ResultWriter } from '../output/writer.js';

function put(stream: Writable, chunk: string): Promise<void> {
  if (chunk === '') return Promise.resolve();
  return stream.write(chunk) ? Promise.resolve() : new Promise((r) => stream.once('drain', () => r()));
}

export function createChunkWriter(open: () => Writable, format: ResultFormat): ResultWriter<string> {
  let stream: Writable | undefined;
  const out = () => {
    stream ??= open();
    return stream;
  };
  let count = 0;
  // json: one item is that object, several an array, so the first is held until a second one comes.
  let held = '';
  const write = async (chunk: string) => {
    switch (format) {
      case 'jsonl':
      case 'fhir':
        return put(out(), `${chunk}\n`);
      case 'text':
        return put(out(), `${count === 0 ? '' : '\n'}${chunk}\n`);
      case 'csv':
        return put(out(), count === 0 ? formatCsv([], true) + chunk : chunk);
      case 'json':
        if (count === 0) held = chunk;
        else if (count === 1) await put(out(), `[\n${held},\n${chunk}`);
        else await put(out(), `,\n${chunk}`);
    }
  };
  return {
    async write(chunk: string) {
      await write(chunk);
      count++;
    },
    async close() {
      if (format === 'json') await put(out(), count === 0 ? '[]\n' : count === 1 ? `${held}\n` : '\n]\n');
      if (format === 'csv' && count === 0) await put(out(), formatCsv([], true));
      const s = out();
      if (s !== process.stdout) await new Promise<void>((r) => s.end(() => r()));
    },
  };
}
