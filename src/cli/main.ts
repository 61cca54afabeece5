#!/usr/bin/env node
/**
 * The spinex command line. The only module that touches argv, stdout/stderr and exit codes:
 * 0 every input read, 1 some inputs unreadable (their error records are in the output), 2 usage error,
 * 3 a `--fail-on` triage level was reached (batch).
 *
 * Start-up: each command's module (and through it zod, the lexicons, the pipeline) is imported inside its
 * action, so that `spinex --help` loads commander alone and `spinex extract` nothing of the guideline.
 * `case`, `batch` and `review` are defined in their own modules: the command line names them, or the top
 * help lists them from DEFERRED without loading them.
 */
import { Command, CommanderError, Option } from 'commander';
import { toolVersion } from '../util/version.js';
import type { AssertCliOptions } from './assert.js';
import { EXIT } from './exit-codes.js';
import type { ExtractCliOptions } from './extract.js';

interface DeferredCommand {
  name: string;
  /** The arguments and description shown in the top-level help: those of the real definition. */
  args: string;
  description: string;
  /** Registers the real command (and the others of its module) on the program. */
  load: () => Promise<(program: Command) => void>;
}

const loadCase = async () => (await import('./case.js')).registerCaseCommands;
const loadReview = async () => (await import('./review.js')).registerReviewCommand;

/** In the order of the help listing. test/cli/startup.test.ts checks them against the real commands. */
export const DEFERRED: readonly DeferredCommand[] = [
  {
    name: 'case',
    args: '<paths...>',
    description: 'one CaseResult: all inputs belong to one patient (triage, recommendations, warnings)',
    load: loadCase,
  },
  {
    name: 'batch',
    args: '<paths...>',
    description: 'one CaseResult per folder, patient id or file; a summary of triage levels on stderr',
    load: loadCase,
  },
  {
    name: 'review',
    args: '<paths...>',
    description: 'one self-contained HTML page to review the cases: triage, reasons and highlighted evidence',
    load: loadReview,
  },
];

/**
 * The real registrations of the deferred commands `argv` may run, by command name (every command of a loaded
 * module, since its registration adds them all). Any argument equal to a command's name loads its module
 * (so does `help case`): loading too much only costs time, and commander then sees the real definitions.
 */
async function deferredRegistrations(argv: readonly string[]): Promise<Map<string, (p: Command) => void>> {
  const named = new Set(argv);
  const loaders = new Set(DEFERRED.filter((d) => named.has(d.name)).map((d) => d.load));
  const out = new Map<string, (p: Command) => void>();
  for (const load of loaders) {
    const register = await load();
    for (const d of DEFERRED) if (d.load === load) out.set(d.name, register);
  }
  return out;
}

/** A command for the top-level listing only: what the real one shows there, and nothing more. */
function listingOnly(program: Command, d: DeferredCommand): void {
  program
    .command(d.name)
    .description(d.description)
    .argument(d.args)
    // Any option makes the listing say "[options]", as the real command's does.
    .addOption(new Option('--deferred').hideHelp())
    .action(() => {
      throw new Error(`internal: ${d.name} ran without its module`);
    });
}

/** The program; `argv` (the user's arguments) decides which deferred commands are loaded for real. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const deferred = await deferredRegistrations(argv);
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
    .option(
      '--jobs <n>',
      'worker threads that read and extract (default: one per core; 1: all in this process)',
      (v) => Number(v),
    )
    .option('--debug', 'print stack traces for internal errors')
    .action(async (paths: string[], opts: ExtractCliOptions) => {
      const { runExtract, withDefaultJobs } = await import('./extract.js');
      process.exitCode = await runExtract(paths, withDefaultJobs(opts));
    });

  program
    .command('assert')
    .description(
      'the assertion (present, absent, possible, historical, hypothetical, family) of a target in a sentence',
    )
    .argument('[sentence]', 'the sentence')
    .option('-t, --target <phrase>', 'the target phrase inside the sentence')
    .option(
      '--jsonl',
      'read {"sentence","target"} lines (and an optional "date") on stdin, write one result line each',
    )
    .option(
      '--date <YYYY-MM-DD>',
      "the date of the note the sentences come from: an event dated to a year before the last is historical (default: today's date)",
    )
    .option('--lexicons <dir>', 'use a lexicon folder of your own')
    .action(async (sentence: string | undefined, opts: AssertCliOptions) => {
      const { runAssert } = await import('./assert.js');
      process.exitCode = await runAssert(sentence, opts);
    });

  program
    .command('schema')
    .description('print the JSON Schema of DocumentResult, CaseResult and the assert output')
    .action(async () => {
      const { printSchema } = await import('./schema.js');
      process.exitCode = await printSchema();
    });

  const registered = new Set<(p: Command) => void>();
  for (const d of DEFERRED) {
    const register = deferred.get(d.name);
    if (!register) listingOnly(program, d);
    else if (!registered.has(register)) {
      register(program);
      registered.add(register);
    }
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv.slice(2));
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
