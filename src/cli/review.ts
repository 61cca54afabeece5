/**
 * `spinex review PATH... [--group-by dir|patient-id|file] -o review.html`: the cases of `batch` as one
 * self-contained HTML page for chart review. Exit codes as for `batch`: 0 all read, 1 some inputs
 * unreadable (shown on the page), 2 usage error, 3 `--fail-on` reached, 4 a case could not be evaluated.
 */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { GROUP_BY, type GroupBy } from '../case/group.js';
import type { CaseDocument } from '../case/merge.js';
import { type Guideline, reaches } from '../guideline/index.js';
import { formatBatchSummary } from '../output/case-text.js';
import { openOutput } from '../output/writer.js';
import { buildReview } from '../review/index.js';
import { type CaseCliOptions, caseRunOptions, guidelineFor, readCaseDocuments } from './case.js';
import { EXIT } from './exit-codes.js';
import { outputClash, withDefaultJobs } from './extract.js';
import { createProgress, wantsProgress } from './progress.js';

export interface ReviewCliOptions extends Omit<CaseCliOptions, 'format'> {
  title?: string;
}

export async function runReview(paths: string[], opts: ReviewCliOptions): Promise<number> {
  const caseOpts: CaseCliOptions = { ...opts, format: 'json' };
  let guideline: Guideline;
  let docs: CaseDocument[];
  const clash = await outputClash(paths, opts.output);
  if (clash !== null) {
    process.stderr.write(`spinex: ${clash}\n`);
    return EXIT.usage;
  }
  try {
    guideline = guidelineFor(caseOpts);
    docs = await readCaseDocuments(paths, caseOpts, createProgress({ enabled: wantsProgress(opts.output) }));
  } catch (err) {
    process.stderr.write(`spinex: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const { html, cases, failures } = buildReview(docs, opts.groupBy ?? 'dir', {
    guideline,
    debug: opts.debug ?? false,
    ...(opts.title ? { title: opts.title } : {}),
    generatedAt: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  });

  const toFile = opts.output !== undefined && opts.output !== '-';
  try {
    if (toFile) await writeFile(opts.output!, html, 'utf8');
    // openOutput makes a reader that closes the pipe early (`| head`) end the process quietly.
    else await new Promise<void>((r) => openOutput(undefined).write(html, () => r()));
  } catch (err) {
    process.stderr.write(`spinex: cannot write ${opts.output}: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const withErrors = docs.filter((d) => d.result.errors.length > 0).length;
  for (const line of failures) process.stderr.write(`${line}\n`);
  process.stderr.write(formatBatchSummary(cases, docs.length, withErrors, failures.length));
  if (toFile) process.stderr.write(`spinex: review page written to ${opts.output}\n`);
  if (failures.length > 0) return EXIT.notEvaluated;
  if (opts.failOn && cases.some((c) => reaches(c.triage, opts.failOn!))) return EXIT.failOn;
  return withErrors > 0 ? EXIT.unreadable : EXIT.ok;
}

export function registerReviewCommand(program: Command): void {
  const cmd = program
    .command('review')
    .description('one self-contained HTML page to review the cases: triage, reasons and highlighted evidence')
    .argument('<paths...>', 'files or folders')
    .addOption(
      new Option('--group-by <how>', 'what makes a case').choices([...GROUP_BY]).default('dir' as GroupBy),
    )
    .option('-o, --output <file>', 'write the page to this file (default: stdout)')
    .option('--title <text>', 'page title')
    .option('--config <file>', 'JSON guideline parameters over the defaults, as for batch');
  caseRunOptions(cmd).action(async (paths: string[], opts: ReviewCliOptions) => {
    process.exitCode = await runReview(paths, withDefaultJobs(opts));
  });
}
