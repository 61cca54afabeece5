/**
 * What the main thread and the workers of `--jobs N` exchange. Tasks are small (an input descriptor from
 * listInputs, or one stdin line); a worker reads, extracts and, where the main thread only has to write,
 * formats, so what comes back is the output text itself: cloning a DocumentResult back and serialising it
 * on the main thread costs that thread about 3x more than receiving the finished string.
 */
import type { CaseDocument } from '../case/merge.js';
import type { ResultFormat } from '../cli/extract.js';
import type { TriageLevel } from '../facts/case-schema.js';
import type { ResultError } from '../facts/schema.js';
import type { GuidelineConfig } from '../guideline/index.js';
import type { IngestOptions, Input } from '../ingest/index.js';

/** Everything a worker needs to build its extractor (and guideline) once; sent as the pool's workerData. */
export interface WorkerSettings {
  lexiconDir?: string;
  includeText: boolean;
  /** Without `stdin`: standard input is read on the main thread only. */
  ingest: Omit<IngestOptions, 'stdin'>;
  debug: boolean;
  /** The output format chunks are written in. */
  format: ResultFormat;
  /** Guideline parameters (`--config`, already read and checked on the main thread). */
  config?: GuidelineConfig;
}

export type Task =
  /** Read and extract one input; answer the output chunk of its DocumentResult. */
  | { kind: 'document'; input: Input }
  /** Read and extract one input; answer the result itself, for cases built on the main thread. */
  | { kind: 'case-document'; input: Input }
  /** Read, extract and run the guideline on a whole group (batch by file or folder); answer its chunk. */
  | { kind: 'group'; caseId: string; inputs: Input[] }
  /** One `--jsonl-in` line. */
  | { kind: 'line'; raw: string; line: number };

/**
 * Several tasks run one after the other in one worker, answered together in their order: one message each
 * way, one wake-up of the worker and tinypool's bookkeeping for the lot (see INPUTS_PER_TASK).
 */
export interface TaskList {
  kind: 'tasks';
  tasks: Task[];
}

/** Answered as soon as a worker has loaded its module: tells a broken installation from a crash. */
export interface PingTask {
  kind: 'ping';
}

/** What the main thread reports on stderr for one document, in input order. */
export interface DocumentReport {
  source: string;
  errors: ResultError[];
  /** With --debug: the stack of an internal error, printed before the problem lines. */
  stack?: string;
}

export interface DocumentOutcome extends DocumentReport {
  chunk: string;
}

export interface CaseDocumentOutcome {
  document: CaseDocument;
  stack?: string;
}

export interface GroupOutcome {
  /** The case as the command's writer would put it; '' when the case failed. */
  chunk: string;
  /** Null when the case failed (see `failure`). */
  triage: TriageLevel | null;
  /** The problem line of a case the guideline stage could not finish (case-failure.ts). */
  failure?: string;
  /** One per input of the group, in the order the inputs were given. */
  documents: DocumentReport[];
}

export interface LineOutcome {
  chunk: string;
  /** The line itself was unusable (an `error` record). */
  lineError: boolean;
  /** The line's result carries errors. */
  documentError: boolean;
  stack?: string;
}

/** A worker could not build its extractor or guideline (a bad --lexicons folder): the run stops, exit 2. */
export interface SetupFailure {
  setupError: string;
}

export type OutcomeOf<T extends Task> = T extends { kind: 'document' }
  ? DocumentOutcome
  : T extends { kind: 'case-document' }
    ? CaseDocumentOutcome
    : T extends { kind: 'group' }
      ? GroupOutcome
      : LineOutcome;

export function isSetupFailure(x: unknown): x is SetupFailure {
  return typeof x === 'object' && x !== null && 'setupError' in x;
}

/** Thrown on the main thread when the workers cannot start work; the command reports it as a usage error. */
export class SetupError extends Error {}
