/**
 * A case the guideline stage could not finish (a bug in spinex, not bad input: unreadable documents are
 * error records inside their case). It is reported on stderr and the batch goes on with the next case; the
 * exit code is then 4 (exit-codes.ts): the output lacks that case, so no check of it can be complete.
 */
import type { CaseDocument } from '../case/merge.js';
import type { CaseResult } from '../facts/case-schema.js';
import type { Guideline } from '../guideline/index.js';
import { problemLine } from './problem-line.js';

export type CaseRunner = (
  docs: readonly CaseDocument[],
  opts: { caseId?: string; guideline: Guideline },
) => CaseResult;

/**
 * The problem line for a case that failed, in the form of a document's (`case <id>: internal-error: ...`,
 * control characters escaped, one line); with `debug` the stack follows it.
 */
export function caseFailureLine(
  caseId: string | undefined,
  documents: number,
  err: unknown,
  debug: boolean,
): string {
  const e = err instanceof Error ? err : new Error(String(err));
  const message =
    `${e.message}; its ${documents} document(s) are not in the output ` +
    '(a bug in spinex: please report it; --debug shows where)';
  const line = problemLine(caseId === undefined ? 'the case' : `case ${caseId}`, {
    code: 'internal-error',
    message,
  });
  return debug && e.stack ? `${line}\n${e.stack}` : line;
}

/**
 * Run the guideline on one case and format it; a throw in either becomes a failure line instead of ending the
 * batch. `format` is inside the guard: a case too large to serialise (RangeError) fails alone too.
 */
export function runCaseGuarded<T>(
  run: CaseRunner,
  docs: readonly CaseDocument[],
  opts: { caseId?: string; guideline: Guideline },
  format: (c: CaseResult) => T,
  debug: boolean,
): { ok: true; result: CaseResult; formatted: T } | { ok: false; failure: string } {
  try {
    const result = run(docs, opts);
    return { ok: true, result, formatted: format(result) };
  } catch (err) {
    return { ok: false, failure: caseFailureLine(opts.caseId, docs.length, err, debug) };
  }
}
