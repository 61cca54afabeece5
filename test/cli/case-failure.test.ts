/**
 * A case the guideline stage cannot finish (a bug, injected here by making runCase throw for one case) is
 * reported and skipped: the batch writes every other case, says which case failed, and exits 4.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDocument } from '../../src/case/merge.js';
import { caseFailureLine } from '../../src/output/case-failure.js';

vi.mock('../../src/guideline/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/guideline/index.js')>();
  return {
    ...real,
    runCase: (docs: readonly CaseDocument[], opts: Parameters<typeof real.runCase>[1]) => {
      if (docs.some((d) => d.result.source.endsWith('broken.txt')))
        throw new TypeError("Cannot read properties of undefined (reading 'levels')");
      return real.runCase(docs, opts);
    },
  };
});

const { runCaseCommand } = await import('../../src/cli/case.js');
const { runReview } = await import('../../src/cli/review.js');

const NOTES: Record<string, string> = {
  'a-mri.txt': 'IMPRESSION: Multilevel lumbar spondylosis. Mild loss of height of the L2 vertebral body.\n',
  'broken.txt': 'ASSESSMENT: Low back pain for 8 weeks despite physical therapy.\n',
  'c-clinic.txt':
    'ASSESSMENT: Neck pain radiating to the right arm for 10 weeks, no improvement despite physical therapy.\n',
};

describe('a case that fails in the guideline stage', () => {
  let dir: string;
  let stderr: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spinex-case-failure-'));
    for (const [name, text] of Object.entries(NOTES)) writeFileSync(join(dir, name), text);
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const groupBy of ['file', 'patient-id'] as const) {
    it(`is reported and skipped; the others are written and the exit code is 4 (--group-by ${groupBy})`, async () => {
      const out = join(dir, 'out.jsonl');
      const code = await runCaseCommand('batch', [dir], { format: 'jsonl', output: out, groupBy, jobs: 1 });
      const cases = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(cases.flatMap((c) => c.sources.map((s: string) => s.slice(dir.length + 1)))).toEqual([
        'a-mri.txt',
        'c-clinic.txt',
      ]);
      const err = stderr.join('');
      expect(err).toMatch(
        /broken\.txt: internal-error: Cannot read properties of undefined.*1 document\(s\) are not in the output/,
      );
      expect(err).toMatch(/spinex: 3 case\(s\): .*not evaluated 1 \(internal error\)/);
      expect(code).toBe(4);
    });
  }

  it('exits 4 over 3: a --fail-on check cannot clear a case it never saw', async () => {
    const out = join(dir, 'out.jsonl');
    const code = await runCaseCommand('batch', [dir], {
      format: 'jsonl',
      output: out,
      groupBy: 'file',
      jobs: 1,
      failOn: 'second-line',
    });
    const triages = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).triage);
    expect(triages).toEqual(['conservative', 'second-line']);
    expect(code).toBe(4);
  });

  it('writes no output at all for `case` when its one case fails', async () => {
    const out = join(dir, 'case.json');
    const code = await runCaseCommand('case', [dir], { format: 'json', output: out, jobs: 1 });
    expect(code).toBe(4);
    expect(existsSync(out)).toBe(false);
    expect(stderr.join('')).toMatch(/the case: internal-error: .*3 document\(s\) are not in the output/);
  });

  it('leaves the case off the review page and says so', async () => {
    const out = join(dir, 'review.html');
    const code = await runReview([dir], { output: out, groupBy: 'file', jobs: 1 });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('a-mri.txt');
    expect(html).toContain('c-clinic.txt');
    expect(html).not.toContain('broken.txt');
    expect(stderr.join('')).toMatch(/case broken\.txt: internal-error/);
    expect(code).toBe(4);
  });
});

describe('caseFailureLine', () => {
  it('names the case and the documents lost, and gives the stack only with --debug', () => {
    const err = new RangeError('Invalid string length');
    expect(caseFailureLine('patient-7', 3, err, false)).toBe(
      'case patient-7: internal-error: Invalid string length; its 3 document(s) are not in the output ' +
        '(a bug in spinex: please report it; --debug shows where)',
    );
    // One line whatever the folder is called.
    expect(caseFailureLine('a\nb\u001b[31m', 1, err, false)).toMatch(
      /^case a\\u000ab\\u001b\[31m: internal-error/,
    );
    expect(caseFailureLine(undefined, 1, err, true)).toMatch(
      /^the case: internal-error: .*\nRangeError: Invalid/,
    );
  });
});
