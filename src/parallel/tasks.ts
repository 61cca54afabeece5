/**
 * The work of one task, the same in a worker and on the main thread (standard input, and a run with a single
 * input, never start workers). Formatting here produces exactly what the command's writer would have
 * written for the item, so the main thread only concatenates.
 */
import { type CaseDocument, withinTokenBudget } from '../case/merge.js';
import { extractCaseDocument, extractOne, failedResult, tooLargeResult } from '../cli/extract.js';
import { answerLine, lineSource, serialiseLine } from '../cli/jsonl-in.js';
import type { CaseResult } from '../facts/case-schema.js';
import type { SourceDocument } from '../facts/document.js';
import type { DocumentResult } from '../facts/schema.js';
import type { Guideline } from '../guideline/index.js';
import { type Input, readInput } from '../ingest/index.js';
import { type CaseRunner, runCaseGuarded } from '../output/case-failure.js';
import { formatCaseText } from '../output/case-text.js';
import { caseRows, documentRows, formatCsv } from '../output/csv.js';
import { formatDocumentText } from '../output/document-text.js';
import { caseBundle, documentBundle } from '../output/fhir/index.js';
import type { Extractor } from '../pipeline/index.js';
import type {
  CaseDocumentOutcome,
  DocumentOutcome,
  DocumentReport,
  GroupOutcome,
  LineOutcome,
  OutcomeOf,
  Task,
  TaskList,
  WorkerSettings,
} from './protocol.js';

export interface TaskContext {
  settings: WorkerSettings;
  extractor: Extractor;
  /** Loaded on first use: a run that only extracts never pays for it. */
  guideline(): Promise<Guideline>;
}

/**
 * Build the lexicons (and, on demand, the guideline) once per thread. `guideline`: one the main thread has
 * already loaded from the same settings, used instead of loading it again.
 */
export async function createTaskContext(settings: WorkerSettings, loaded?: Guideline): Promise<TaskContext> {
  // Imported here: the main thread loads the pipeline only when it extracts itself (stdin, a single input).
  const { createExtractor } = await import('../pipeline/index.js');
  const extractor = await createExtractor({
    ...(settings.lexiconDir ? { lexiconDir: settings.lexiconDir } : {}),
    includeText: settings.includeText,
  });
  let guideline: Promise<Guideline> | undefined;
  const loadOnce = async () => {
    const { loadGuideline } = await import('../guideline/index.js');
    return loadGuideline({
      ...(settings.lexiconDir ? { lexiconDir: settings.lexiconDir } : {}),
      ...(settings.config ? { config: settings.config } : {}),
    });
  };
  if (loaded) guideline = Promise.resolve(loaded);
  return { settings, extractor, guideline: () => (guideline ??= loadOnce()) };
}

/** The text the command's writer puts out for one DocumentResult (before its separators). */
export function formatDocument(settings: WorkerSettings, result: DocumentResult): string {
  switch (settings.format) {
    case 'json':
      return JSON.stringify(result, null, 2);
    case 'jsonl':
      return JSON.stringify(result);
    case 'text':
      return formatDocumentText(result);
    case 'csv':
      return formatCsv(documentRows(result), false);
    case 'fhir':
      return JSON.stringify(documentBundle(result));
  }
}

/** The text the command's writer puts out for one CaseResult (before its separators). */
export function formatCase(settings: WorkerSettings, c: CaseResult): string {
  switch (settings.format) {
    case 'json':
      return JSON.stringify(c, null, 2);
    case 'jsonl':
      return JSON.stringify(c);
    case 'text':
      return formatCaseText(c);
    case 'csv':
      return formatCsv(caseRows(c), false);
    case 'fhir':
      return JSON.stringify(caseBundle(c));
  }
}

/** A result too large to serialise is replaced by an error record, as `writeResult` does in one job. */
function documentOutcome(settings: WorkerSettings, result: DocumentResult, doc: SourceDocument) {
  let written = result;
  let chunk: string;
  try {
    chunk = formatDocument(settings, result);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    written = tooLargeResult(result, doc, err);
    chunk = formatDocument(settings, written);
  }
  return { chunk, source: written.source, errors: written.errors };
}

/** Read one input and run `extract` on it, keeping the stack line --debug prints of an internal error. */
async function extractInput<T>(
  ctx: TaskContext,
  input: Input,
  extract: (doc: SourceDocument, say: (line: string) => void) => T,
) {
  const doc = await readInput(input, ctx.settings.ingest);
  let stack: string | undefined;
  const value = extract(doc, (line) => {
    stack = line;
  });
  return { doc, value, ...(stack ? { stack } : {}) };
}

const resultOf = (ctx: TaskContext) => (doc: SourceDocument, say: (line: string) => void) =>
  extractOne(ctx.extractor, doc, ctx.settings.debug, say);

async function documentTask(ctx: TaskContext, input: Input): Promise<DocumentOutcome> {
  const { doc, value: result, stack } = await extractInput(ctx, input, resultOf(ctx));
  return { ...documentOutcome(ctx.settings, result, doc), ...(stack ? { stack } : {}) };
}

async function caseDocumentTask(ctx: TaskContext, input: Input): Promise<CaseDocumentOutcome> {
  const { doc, value: result, stack } = await extractInput(ctx, input, resultOf(ctx));
  // The text lets the case stage read the clinical course from whole sentences. No tokens: this outcome
  // may cross to the main thread, and cloning them costs more than cutting the sentences again there.
  return { document: { result, text: doc.text }, ...(stack ? { stack } : {}) };
}

async function groupTask(ctx: TaskContext, caseId: string, inputs: Input[]): Promise<GroupOutcome> {
  const guideline = await ctx.guideline();
  const docs: CaseDocument[] = [];
  const documents: DocumentReport[] = [];
  for (const input of inputs) {
    // In this thread the tokens can go with the document: the case stage reads sentences from them.
    const { value: document, stack } = await extractInput(ctx, input, (doc, say) =>
      withinTokenBudget(extractCaseDocument(ctx.extractor, doc, ctx.settings.debug, say), docs.length),
    );
    docs.push(document);
    documents.push({
      source: document.result.source,
      errors: document.result.errors,
      ...(stack ? { stack } : {}),
    });
  }
  const { runCase } = await import('../guideline/index.js');
  return { ...caseOutcome(ctx.settings, runCase, docs, caseId, guideline), documents };
}

/** One case's output text and triage, or its failure line: a case that fails never ends the batch. */
export function caseOutcome(
  settings: WorkerSettings,
  run: CaseRunner,
  docs: readonly CaseDocument[],
  caseId: string,
  guideline: Guideline,
): Omit<GroupOutcome, 'documents'> {
  const done = runCaseGuarded(
    run,
    docs,
    { caseId, guideline },
    (c) => formatCase(settings, c),
    settings.debug,
  );
  return done.ok
    ? { chunk: done.formatted, triage: done.result.triage }
    : { chunk: '', triage: null, failure: done.failure };
}

async function lineTask(ctx: TaskContext, raw: string, line: number): Promise<LineOutcome> {
  let stack: string | undefined;
  const answer = await answerLine(
    raw,
    line,
    ctx.extractor,
    { ingest: ctx.settings.ingest, debug: ctx.settings.debug },
    (l) => {
      stack = l;
    },
  );
  return {
    chunk: answer.text,
    lineError: answer.lineError,
    documentError: answer.documentError,
    ...(stack ? { stack } : {}),
  };
}

export async function runTask<T extends Task>(ctx: TaskContext, task: T): Promise<OutcomeOf<T>> {
  const t: Task = task;
  switch (t.kind) {
    case 'document':
      return (await documentTask(ctx, t.input)) as OutcomeOf<T>;
    case 'case-document':
      return (await caseDocumentTask(ctx, t.input)) as OutcomeOf<T>;
    case 'group':
      return (await groupTask(ctx, t.caseId, t.inputs)) as OutcomeOf<T>;
    case 'line':
      return (await lineTask(ctx, t.raw, t.line)) as OutcomeOf<T>;
  }
}

/** A task, or a run of them one after the other, as a worker answers it (the main thread too, see pool.ts). */
export async function runTaskOrList(ctx: TaskContext, task: Task | TaskList): Promise<unknown> {
  if (task.kind !== 'tasks') return runTask(ctx, task);
  const outcomes: unknown[] = [];
  for (const t of task.tasks) outcomes.push(await runTask(ctx, t));
  return outcomes;
}

/** A document whose worker stopped (a crash, not a bug caught in the pipeline): an internal-error record. */
function stoppedDocument(source: string, err: Error): DocumentResult {
  const doc: SourceDocument = { source, text: '', pages: null, errors: [] };
  return failedResult(doc, new Error(`the worker thread reading it stopped (${err.message})`));
}

/** The outcome of a task whose worker stopped, built on the main thread; `group` tasks are retried instead. */
export function stoppedOutcome(
  settings: WorkerSettings,
  task: Exclude<Task, { kind: 'group' }>,
  err: Error,
): DocumentOutcome | CaseDocumentOutcome | LineOutcome {
  const stack = settings.debug && err.stack ? { stack: err.stack } : {};
  if (task.kind === 'line') {
    const named = lineSource(task.raw, task.line);
    const record = named
      ? { id: named.id, line: task.line, result: stoppedDocument(named.source, err) }
      : { id: null, line: task.line, error: { code: 'internal-error', message: err.message } };
    return { chunk: serialiseLine(record), lineError: !named, documentError: !!named, ...stack };
  }
  const result = stoppedDocument(task.input.source, err);
  if (task.kind === 'case-document') return { document: { result, text: '' }, ...stack };
  return { chunk: formatDocument(settings, result), source: result.source, errors: result.errors, ...stack };
}
