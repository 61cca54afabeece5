/** `spinex assert`: the context engine on single sentences, one result line per input line, in order. */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type AssertOptions, assertSentence, ContextEngine } from '../context/index.js';
import { openOutput } from '../output/writer.js';
import { createTargetDescriber } from '../pipeline/index.js';
import { createSentenceSplitter, loadSentenceLexicon } from '../sentences/index.js';
import { defaultLexiconDir } from '../util/package-root.js';
import { EXIT } from './exit-codes.js';

export interface AssertCliOptions {
  target?: string;
  jsonl?: boolean;
  lexicons?: string;
  date?: string;
}

export async function runAssert(sentence: string | undefined, opts: AssertCliOptions): Promise<number> {
  const dir = opts.lexicons ?? defaultLexiconDir();
  const engine = ContextEngine.fromFile(join(dir, 'context.json'));
  const describe = createTargetDescriber({ lexiconDir: dir });
  const sentences = createSentenceSplitter(loadSentenceLexicon(dir));
  // The input is one section of unknown kind, split as a document's text would be.
  const split = (text: string) =>
    sentences.split(text, [
      { name: 'other', kind: 'other', title: null, start: 0, bodyStart: 0, end: text.length },
    ]);
  const dateOption = (date: string | undefined): AssertOptions =>
    date === undefined ? { describe, sentences: split } : { date, describe, sentences: split };
  const out = openOutput(undefined);
  if (!opts.jsonl) {
    if (sentence === undefined || opts.target === undefined) {
      process.stderr.write(
        'spinex assert: give --target PHRASE and a SENTENCE, or --jsonl with lines on stdin\n',
      );
      return EXIT.usage;
    }
    const result = assertSentence(engine, sentence, opts.target, dateOption(opts.date));
    out.write(`${JSON.stringify(result)}\n`);
    return 'error' in result ? EXIT.unreadable : EXIT.ok;
  }
  let errors = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    let result: object;
    try {
      if (line.trim() === '') throw new Error('empty line');
      const input = JSON.parse(line) as { sentence?: unknown; target?: unknown; date?: unknown };
      if (typeof input.sentence !== 'string' || typeof input.target !== 'string') {
        result = { error: 'each line needs string fields "sentence" and "target"' };
      } else if (input.date !== undefined && input.date !== null && typeof input.date !== 'string') {
        result = { error: '"date", when given, must be a YYYY-MM-DD string' };
      } else {
        const date = typeof input.date === 'string' ? input.date : opts.date;
        result = assertSentence(engine, input.sentence, input.target, dateOption(date));
      }
    } catch (err) {
      result = { error: `not valid JSON: ${(err as Error).message}` };
    }
    if ('error' in result) errors++;
    if (!out.write(`${JSON.stringify(result)}\n`)) await new Promise((r) => out.once('drain', r));
  }
  return errors ? EXIT.unreadable : EXIT.ok;
}
