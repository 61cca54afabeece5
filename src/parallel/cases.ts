/**
 * `case`, `batch` and `review` with `--jobs N` (N > 1), and `batch --group-by file|dir` with any N. Documents
 * are read and extracted in workers and reported in input order. For `batch --group-by file|dir` a case
 * depends only on file names, so the cases are known from the listing alone: each runs whole (read, extract,
 * guideline) in one worker, or on the main thread with one job or too little input for workers, and comes
 * back as its output text, in the order one job writes them. For `--group-by patient-id` and `case`, the
 * patient is known only after extraction: the guideline runs on the main thread, as with one job.
 */
import { type GroupBy, groupDocuments } from '../case/group.js';
import type { CaseDocument } from '../case/merge.js';
import type { CaseCliOptions } from '../cli/case.js';
import { ingestOptions, reportErrors } from '../cli/extract.js';
import type { Progress } from '../cli/progress.js';
import type { TriageLevel } from '../facts/case-schema.js';
import type { DocumentResult } from '../facts/schema.js';
import { type Guideline, readGuidelineConfig, runCase } from '../guideline/index.js';
import { type Input, listInputs } from '../ingest/index.js';
import { openOutput } from '../output/writer.js';
import { createChunkWriter } from './chunk-writer.js';
import {
  dispatch,
  dispatchAll,
  INPUTS_PER_TASK,
  onMainThread,
  RUNS_PER_JOB,
  reportDocument,
  workerSettings,
  workersPayBack,
} from './extract.js';
import { lookahead, runOrdered, runsOf } from './ordered.js';
import { createExecutor, type Executor } from './pool.js';
import { type DocumentReport, type GroupOutcome, SetupError, type WorkerSettings } from './protocol.js';
import { caseOutcome } from './tasks.js';

/** Fewer cases than this many per job: whole-case tasks would leave workers idle; extract per document. */
const GROUPS_PER_JOB = 4;

async function extractAll(
  exec: Executor,
  settings: WorkerSettings,
  inputs: AsyncIterable<Input>,
  many: boolean,
  jobs: number,
  progress: Progress,
): Promise<CaseDocument[]> {
  const say = (line: string) => progress.note(line);
  const docs: CaseDocument[] = [];
  await runOrdered(
    runsOf(inputs, INPUTS_PER_TASK, onMainThread),
    jobs * RUNS_PER_JOB,
    (run) => dispatchAll(exec, settings, many, 'case-document', run),
    (outcomes) => {
      for (const outcome of outcomes) {
        if (outcome.stack) say(outcome.stack);
        reportErrors(outcome.document.result, say);
        progress.tick(outcome.document.result.errors.length > 0);
        docs.push(outcome.document);
      }
    },
  );
  return docs;
}

/** readCaseDocuments with workers: the same documents, problem lines and progress, in the same order. */
export async function readCaseDocumentsParallel(
  paths: string[],
  opts: CaseCliOptions,
  progress: Progress,
  jobs: number,
): Promise<CaseDocument[]> {
  const ingest = ingestOptions({ ...opts, format: 'json' });
  const settings = workerSettings({ ...opts, format: 'json' }, ingest);
  const exec = createExecutor(jobs, settings);
  try {
    const { items, many } = await lookahead(
      listInputs(paths, ingest),
      Number.POSITIVE_INFINITY,
      workersPayBack(jobs),
    );
    return await extractAll(exec, settings, items, many, jobs, progress);
  } finally {
    progress.done();
    await exec.close();
  }
}

export interface BatchTally {
  triages: TriageLevel[];
  documents: number;
  withErrors: number;
  /** Cases the guideline stage could not finish (not in the output; a line each on stderr). */
  failedCases: number;
}

/**
 * Problem lines in input order while cases finish in case order: held until every earlier one is out. Only
 * reports with lines to print are kept; the others are one bit each.
 */
function inputOrderReporter(count: number, say: (line: string) => void) {
  const held = new Map<number, DocumentReport>();
  const arrived = new Uint8Array(count);
  let next = 0;
  return (index: number, report: DocumentReport) => {
    arrived[index] = 1;
    if (report.errors.length > 0 || report.stack) held.set(index, report);
    for (; next < count && arrived[next] === 1; next++) {
      const r = held.get(next);
      if (!r) continue;
      held.delete(next);
      reportDocument(r, say);
    }
  };
}

async function* each<T>(xs: readonly T[]): AsyncGenerator<T> {
  yield* xs;
}

/**
 * Cases in order, in runs of up to INPUTS_PER_TASK documents (a larger case comes alone); a case that
 * reads standard input comes alone too.
 */
async function* caseRuns<G extends { members: { input: Input }[] }>(
  groups: readonly G[],
  size: number,
): AsyncGenerator<G[]> {
  let run: G[] = [];
  let count = 0;
  for (const g of groups) {
    const alone = g.members.some((m) => onMainThread(m.input));
    if (run.length && (alone || count + g.members.length > size)) {
      yield run;
      run = [];
      count = 0;
    }
    run.push(g);
    count += g.members.length;
    if (alone) {
      yield run;
      run = [];
      count = 0;
    }
  }
  if (run.length) yield run;
}

/**
 * `batch --group-by file|dir`: the cases are known from the listing alone, so each is read, extracted, run and
 * written in turn and only the listing is held, however many documents the batch has. With one job, or input
 * too small to pay back workers (workersPayBack), every case runs on the main thread; else each runs whole
 * in a worker. Returns what the summary needs, or the documents when the cases are too few to keep the
 * workers busy (the caller then runs them as one job does).
 */
export async function runBatchFromListing(
  paths: string[],
  opts: CaseCliOptions & { groupBy: Exclude<GroupBy, 'patient-id'> },
  guideline: Guideline,
  progress: Progress,
  jobs: number,
): Promise<BatchTally | { docs: CaseDocument[] }> {
  const ingest = ingestOptions({ ...opts, format: 'json' });
  // The caller has loaded the guideline with this file already: it reads and checks fine.
  const config = opts.config ? { config: readGuidelineConfig(opts.config) } : {};
  const settings = workerSettings({ ...opts, format: opts.format }, ingest, config);
  const exec = createExecutor(jobs, settings, guideline);
  const say = (line: string) => progress.note(line);
  try {
    const inputs: Input[] = [];
    for await (const input of listInputs(paths, ingest)) inputs.push(input);
    // The grouping of one job, from names alone: with these two keys neither date nor patient id matters.
    const named = inputs.map((input, index) => ({
      index,
      input,
      result: { source: input.source, patientId: null, date: null } as DocumentResult,
    }));
    const groups = groupDocuments(named, opts.groupBy).map((g) => ({
      caseId: g.caseId,
      members: [...g.documents].sort((a, b) => a.index - b.index),
    }));
    const local = jobs < 2 || !workersPayBack(jobs)(inputs);
    // A lexicon folder that cannot load is a usage error even when there is nothing to read.
    if (local) await exec.prepareLocal();
    if (!local && groups.length < jobs * GROUPS_PER_JOB) {
      return { docs: await extractAll(exec, settings, each(inputs), true, jobs, progress) };
    }

    const writer = createChunkWriter(() => openOutput(opts.output), opts.format);
    const report = inputOrderReporter(inputs.length, say);
    const tally: BatchTally = { triages: [], documents: 0, withErrors: 0, failedCases: 0 };
    type Group = (typeof groups)[number];
    const inputsOf = (g: Group) => g.members.map((m) => m.input);
    // One case in a worker; standard input is read on the main thread, so that case is put together here.
    const one = (g: Group): Promise<GroupOutcome> => {
      const members = inputsOf(g);
      if (local) return exec.local({ kind: 'group', caseId: g.caseId, inputs: members });
      if (members.some(onMainThread)) return caseHere(exec, settings, guideline, g.caseId, members);
      return exec.remote({ kind: 'group', caseId: g.caseId, inputs: members }).catch((err) => {
        if (err instanceof SetupError) throw err;
        // The worker stopped inside this case: extract its documents one by one (the one that stops a
        // worker again gets an internal-error record) and run the guideline here.
        return caseHere(exec, settings, guideline, g.caseId, members);
      });
    };
    // Runs of cases of about INPUTS_PER_TASK documents share a task (one document each with --group-by
    // file); a run whose worker stops is done again case by case.
    const all = async (run: Group[]): Promise<GroupOutcome[]> => {
      if (local || run.length < 2) return Promise.all(run.map(one));
      try {
        return await exec.remoteAll(
          run.map((g) => ({ kind: 'group' as const, caseId: g.caseId, inputs: inputsOf(g) })),
        );
      } catch (err) {
        if (err instanceof SetupError) throw err;
        return Promise.all(run.map(one));
      }
    };
    // On the main thread one case at a time: a case is written before the next one's documents are read.
    await runOrdered(
      caseRuns(groups, local ? 1 : INPUTS_PER_TASK),
      local ? 1 : jobs * RUNS_PER_JOB,
      all,
      async (outcomes, run) => {
        for (const [k, outcome] of outcomes.entries()) {
          const g = run[k]!;
          if (outcome.triage === null) {
            tally.failedCases++;
            say(outcome.failure ?? `case ${g.caseId}: internal-error`);
          } else {
            await writer.write(outcome.chunk);
            tally.triages.push(outcome.triage);
          }
          outcome.documents.forEach((d, i) => {
            tally.documents++;
            if (d.errors.length) tally.withErrors++;
            progress.tick(d.errors.length > 0);
            report(g.members[i]!.index, d);
          });
        }
      },
    );
    await writer.close();
    return tally;
  } finally {
    progress.done();
    await exec.close();
  }
}

async function caseHere(
  exec: Executor,
  settings: WorkerSettings,
  guideline: Guideline,
  caseId: string,
  inputs: Input[],
): Promise<GroupOutcome> {
  const outcomes = await Promise.all(
    inputs.map((input) => dispatch(exec, settings, true, { kind: 'case-document', input })),
  );
  const docs = outcomes.map((o) => o.document);
  return {
    ...caseOutcome(settings, runCase, docs, caseId, guideline),
    documents: outcomes.map((o) => ({
      source: o.document.result.source,
      errors: o.document.result.errors,
      ...(o.stack ? { stack: o.stack } : {}),
    })),
  };
}
