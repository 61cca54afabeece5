#!/usr/bin/env node
/**
 * The spinex command line. The only module that touches argv, stdout/stderr and exit codes:
 * 0 every input read, 1 some inputs unreadable (their error records are in the output), 2 usage error,
 * 3 a `--fail-on` triage level was reached (batch).
 */
import { Command, CommanderError, Option } from 'commander';
import { toolVersion } from '../util/version.js';
import { runAssert } from './assert.js';
import { registerCaseCommands } from './case.js';
import { EXIT } from './exit-codes.js';
import { runExtract } from './extract.js';
import { registerReviewCommand } from './review.js';
import { printSchema } from './schema.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('spinex')
    .description(
      'Extract source-linked spine findings from radiology reports and clinic notes, and apply the\n' +
        'spondylosis / vertebral height loss guideline. Imaging findings alone must not drive treatment.',
    )
    .version(toolVersion())
    .showHelpAfterError()
    .exitOverride();

  program
    .command('extract')
    .description('one DocumentResult per input document (.txt, .md, .pdf, folders recursively, - for stdin)')
    .argument('[paths...]', 'files, folders, or - for standard input (none with --jsonl-in)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['json', 'jsonl', 'text', 'csv', 'fhir'])
        .default('json'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--jsonl-in', 'read JSON lines {"id", "text" or "path"} on stdin, write one result line each')
    .option('--include-text', 'add the document text (what span offsets point into) to each result')
    .option('--lexicons <dir>', 'use a lexicon folder of your own (a copy of lexicons/ with site terms)')
    .option('--max-bytes <n>', 'per-document size limit; larger files get a too-large error', (v) =>
      Number(v),
    )
    .option('--password <pw>', 'password for encrypted PDFs')
    .option('--include <glob...>', 'only read files matching these globs inside folders')
    .option('--exclude <glob...>', 'skip files matching these globs inside folders')
    .option('--debug', 'print stack traces for internal errors')
    .action(async (paths: string[], opts) => {
      process.exitCode = await runExtract(paths, opts);
    });

  program
    .command('assert')
    .description(
      'the assertion (present, absent, possible, historical, hypothetical, family) of a target in a sentence',
    )
    .argument('[sentence]', 'the sentence')
    .option('-t, --target <phrase>', 'the target phrase inside the sentence')
    .option('--jsonl', 'read {"sentence","target"} lines on stdin, write one result line each')
    .option('--lexicons <dir>', 'use a lexicon folder of your own')
    .action(async (sentence: string | undefined, opts) => {
      process.exitCode = await runAssert(sentence, opts);
    });

  program
    .command('schema')
    .description('print the JSON Schema of DocumentResult, CaseResult and the assert output')
    .action(async () => {
      process.exitCode = await printSchema();
    });

  registerCaseCommands(program);
  registerReviewCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are successful exits; anything else commander raises is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw err;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`spinex: ${err.message}\n`);
    if (process.argv.includes('--debug')) process.stderr.write(`${err.stack}\n`);
    process.exitCode = EXIT.usage;
  },
);
