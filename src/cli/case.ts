/**
 * `spinex case` (all inputs are one patient) and `spinex batch` (one case per folder, patient id or
 * file): read, extract, merge, run the guideline, write CaseResults. Exit codes: 0 all read, 1 some
 * inputs unreadable (their error records are in the output), 2 usage error, 3 `--fail-on` reached
 * (3 wins over 1: a flagged chart matters more than a missing file, and both are in the output), 4 some
 * case could not be evaluated (wins over 3 and 1: that case is missing from the output).
 */
import { type Command, Option } from 'commander';
import { GROUP_BY, type GroupBy, groupDocuments } from '../case/group.js';
import { type CaseDocument, withinTokenBudget } from '../case/merge.js';
import type { CaseResult, TriageLevel } from '../facts/case-schema.js';
import { type Guideline, loadGuideline, reaches, readGuidelineConfig, runCase } from '../guideline/index.js';
import { listInputs, readInput } from '../ingest/index.js';
import { caseFailureLine, runCaseGuarded } from '../output/case-failure.js';
import { formatBatchSummary, formatCaseText } from '../output/case-text.js';
import { caseRows, createCsvWriter } from '../output/csv.js';
import { caseBundle, createFhirWriter } from '../output/fhir/index.js';
import { createWriter, openOutput, type ResultWriter } from '../output/writer.js';
import type { BatchTally } from '../parallel/cases.js';
import { EXIT } from './exit-codes.js';
import {
  type ExtractCliOptions,
  extractCaseDocument,
  ingestOptions,
  jobsOf,
  outputClash,
  RESULT_FORMATS,
  type ResultFormat,
  reportErrors,
  withDefaultJobs,
} from './extract.js';
import { createProgress, guardStderr, type Progress, wantsProgress } from './progress.js';

export const FAIL_ON_LEVELS = ['urgent', 'surgical-review', 'second-line'] as const;

export interface CaseCliOptions extends Omit<ExtractCliOptions, 'format' | 'includeText' | 'jsonlIn'> {
  format: ResultFormat;
  config?: string;
  failOn?: (typeof FAIL_ON_LEVELS)[number];
  groupBy?: GroupBy;
}

/**
 * Read and extract every input (a progress display on a terminal). Cases need all of a patient's documents
 * before the guideline runs, so results are held; the output streams case by case after.
 */
export async function readCaseDocuments(
  paths: string[],
  opts: CaseCliOptions,
  progress: Progress = createProgress({ enabled: false }),
): Promise<CaseDocument[]> {
  guardStderr();
  const ingest = ingestOptions({ ...opts, format: 'json' });
  const jobs = jobsOf(opts);
  if (jobs > 1) {
    const { readCaseDocumentsParallel } = await import('../parallel/cases.js');
    return readCaseDocumentsParallel(paths, opts, progress, jobs);
  }
  const { createExtractor } = await import('../pipeline/index.js');
  const extractor = await createExtractor(opts.lexicons ? { lexiconDir: opts.lexicons } : {});
  const say = (line: string) => progress.note(line);
  const docs: CaseDocument[] = [];
  try {
    for await (const input of listInputs(paths, ingest)) {
      const doc = await readInput(input, ingest);
      // The text lets the case stage read the clinical course from whole sentences (see withinTokenBudget).
      const document = withinTokenBudget(extractCaseDocument(extractor, doc, opts.debug, say), docs.length);
      reportErrors(document.result, say);
      progress.tick(document.result.errors.length > 0);
      docs.push(document);
    }
  } finally {
    progress.done();
  }
  return docs;
}

export function guidelineFor(opts: CaseCliOptions): Guideline {
  return loadGuideline({
    ...(opts.lexicons ? { lexiconDir: opts.lexicons } : {}),
    ...(opts.config ? { config: readGuidelineConfig(opts.config) } : {}),
  });
}

function caseWriter(format: ResultFormat, output: string | undefined): ResultWriter<CaseResult> {
  const stream = openOutput(output);
  if (format === 'csv') return createCsvWriter(stream, caseRows);
  if (format === 'fhir') return createFhirWriter(stream, caseBundle);
  return createWriter<CaseResult>(stream, format, formatCaseText);
}

/** Run `case` (one patient) or `batch` (grouped); returns the exit code. */
export async function runCaseCommand(
  mode: 'case' | 'batch',
  paths: string[],
  opts: CaseCliOptions,
): Promise<number> {
  let guideline: Guideline;
  try {
    guideline = guidelineFor(opts);
  } catch (err) {
    process.stderr.write(`spinex: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const clash = await outputClash(paths, opts.output);
  if (clash !== null) {
    process.stderr.write(`spinex: ${clash}\n`);
    return EXIT.usage;
  }
  const progress = createProgress({ enabled: wantsProgress(opts.output) });
  let docs: CaseDocument[];
  try {
    const by = opts.groupBy ?? 'dir';
    const jobs = jobsOf(opts);
    // Cases known from file names alone stream, one job or many: only the listing is held.
    if (mode === 'batch' && by !== 'patient-id') {
      guardStderr();
      const { runBatchFromListing } = await import('../parallel/cases.js');
      const done = await runBatchFromListing(paths, { ...opts, groupBy: by }, guideline, progress, jobs);
      if (!('docs' in done)) return finishCases(mode, opts, done);
      docs = done.docs;
    } else docs = await readCaseDocuments(paths, opts, progress);
  } catch (err) {
    if (opts.debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.stderr.write(`spinex: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  // Each case is written as soon as it is built: a batch never holds all of its results at once. The output
  // opens at the first case written (or at the end of a batch): a lone case that fails leaves no file.
  let writer: ResultWriter<CaseResult> | null = null;
  const triages: TriageLevel[] = [];
  let failedCases = 0;
  const groups =
    mode === 'case' ? [{ caseId: undefined, documents: docs }] : groupDocuments(docs, opts.groupBy ?? 'dir');
  const debug = opts.debug ?? false;
  for (const g of groups) {
    const caseOpts = g.caseId === undefined ? { guideline } : { caseId: g.caseId, guideline };
    const done = runCaseGuarded(runCase, g.documents, caseOpts, (c) => c, debug);
    let failure = done.ok ? null : done.failure;
    if (done.ok) {
      try {
        writer ??= caseWriter(opts.format, opts.output);
        // The writer serialises before it writes: a case too large to serialise fails here, alone.
        await writer.write(done.result);
        triages.push(done.result.triage);
      } catch (err) {
        failure = caseFailureLine(g.caseId, g.documents.length, err, debug);
      }
    }
    if (failure !== null) {
      failedCases++;
      process.stderr.write(`${failure}\n`);
    }
  }
  if (writer || mode === 'batch') await (writer ?? caseWriter(opts.format, opts.output)).close();

  return finishCases(mode, opts, {
    triages,
    documents: docs.length,
    withErrors: docs.filter((d) => d.result.errors.length > 0).length,
    failedCases,
  });
}

/** The summary line and the exit code, from the cases' triage levels and the document counts. */
function finishCases(mode: 'case' | 'batch', opts: CaseCliOptions, tally: BatchTally): number {
  if (mode === 'batch' || opts.format === 'text') {
    // The summary reads nothing but each case's triage.
    const cases = tally.triages.map((triage) => ({ triage }) as CaseResult);
    process.stderr.write(formatBatchSummary(cases, tally.documents, tally.withErrors, tally.failedCases));
  }
  if (tally.failedCases > 0) return EXIT.notEvaluated;
  const failOn = opts.failOn;
  if (failOn && tally.triages.some((t) => reaches(t, failOn))) return EXIT.failOn;
  return tally.withErrors > 0 ? EXIT.unreadable : EXIT.ok;
}

function commonOptions(cmd: Command): Command {
  const c = cmd
    .addOption(
      new Option('-f, --format <format>', 'output format').choices([...RESULT_FORMATS]).default('json'),
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option(
      '--config <file>',
      'JSON guideline parameters over the defaults, e.g. {"mjoaThreshold": 12, "conservativeWeeks": 6}',
    );
  return caseRunOptions(c);
}

/** The options every command that builds cases shares (case, batch, review): flagging and reading. */
export function caseRunOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--fail-on <level>', 'exit with code 3 when any case reaches this triage level').choices([
        ...FAIL_ON_LEVELS,
      ]),
    )
    .option('--lexicons <dir>', 'use a lexicon folder of your own (a copy of lexicons/)')
    .option('--max-bytes <n>', 'per-document size limit', (v) => Number(v))
    .option('--password <pw>', 'password for encrypted PDFs')
    .option('--include <glob...>', 'only read files matching these globs inside folders')
    .option('--exclude <glob...>', 'skip files matching these globs inside folders')
    .option('--jobs <n>', JOBS_HELP, (v) => Number(v))
    .option('--debug', 'print stack traces for internal errors');
}

/** The help of `--jobs`, the same for every command (main.ts spells it out for extract). */
export const JOBS_HELP =
  'worker threads that read and extract (default: one per core; 1: all in this process)';

export function registerCaseCommands(program: Command): void {
  commonOptions(
    program
      .command('case')
      .description('one CaseResult: all inputs belong to one patient (triage, recommendations, warnings)')
      .argument('<paths...>', 'files or folders of one patient'),
  ).action(async (paths: string[], opts: CaseCliOptions) => {
    process.exitCode = await runCaseCommand('case', paths, withDefaultJobs(opts));
  });

  commonOptions(
    program
      .command('batch')
      .description('one CaseResult per folder, patient id or file; a summary of triage levels on stderr')
      .argument('<paths...>', 'files or folders')
      .addOption(
        new Option('--group-by <how>', 'what makes a case').choices([...GROUP_BY]).default('dir' as GroupBy),
      ),
  ).action(async (paths: string[], opts: CaseCliOptions) => {
    process.exitCode = await runCaseCommand('batch', paths, withDefaultJobs(opts));
  });
}
