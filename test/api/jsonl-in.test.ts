import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LineRecord, runJsonlIn } from '../../src/cli/jsonl-in.js';
import { extractor } from '../helpers/extractor.js';

const REPORTS = [
  'IMPRESSION: Mild loss of height of the L1 vertebral body. No retropulsion.',
  'HPI: Low back pain radiating to the left leg for 3 months. Pain 7/10.',
  'FINDINGS: L4-5 disc bulge with moderate central canal stenosis.',
  'EXAM: Hoffmann sign positive. mJOA 12/18. Denies bowel or bladder dysfunction.',
];

async function* linesOf(items: string[]): AsyncGenerator<string> {
  for (const l of items) yield l;
}

async function run(lines: string[], maxBytes?: number) {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  const summary = await runJsonlIn(linesOf(lines), out, extractor(), {
    ingest: maxBytes ? { maxBytes } : {},
  });
  const text = chunks.join('');
  return {
    summary,
    text,
    records: text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LineRecord),
  };
}

describe('extract --jsonl-in', () => {
  it('answers 10,000 lines in order, one line each, bad lines included', async () => {
    const huge = `FINDINGS: ${'Mild L2 height loss. Facet arthropathy at L4-5. '.repeat(30_000)}`; // ~1.4 MB
    const tooLarge = 'x'.repeat(2_100_000);
    const lines: string[] = [];
    const expected: ('ok' | 'error' | 'doc-error')[] = [];
    const add = (line: string, outcome: (typeof expected)[number]) => {
      lines.push(line);
      expected.push(outcome);
    };
    for (let i = 0; i < 10_000; i++) {
      const k = i % 100;
      if (k === 7) add(`{"id": "r${i}", "text": "unterminated`, 'error');
      else if (k === 13) add(JSON.stringify({ id: `r${i}`, text: '' }), 'doc-error');
      else if (k === 29) add('', 'error');
      else if (k === 41) add(JSON.stringify({ text: 'no id' }), 'error');
      else if (k === 53) add('[1, 2, 3]', 'error');
      else if (k === 67)
        add(JSON.stringify({ id: i, path: 'samples/reports/no-such-file.txt' }), 'doc-error');
      else add(JSON.stringify({ id: i % 2 ? i : `r${i}`, text: REPORTS[i % REPORTS.length] }), 'ok');
    }
    lines[5000] = JSON.stringify({ id: 'huge', text: huge });
    expected[5000] = 'ok';
    lines[5001] = JSON.stringify({ id: 'too-large', text: tooLarge });
    expected[5001] = 'doc-error';
    lines[5002] = JSON.stringify({ id: 'pdf', path: 'samples/pdf/lumbar-mri-report.pdf' });
    expected[5002] = 'ok';

    const { summary, text, records } = await run(lines, 2_000_000);
    expect(text.endsWith('\n')).toBe(true);
    expect(records).toHaveLength(10_000);
    expect(summary.lines).toBe(10_000);
    records.forEach((r, i) => {
      expect(r.line).toBe(i + 1);
      const got = 'error' in r ? 'error' : r.result.errors.length ? 'doc-error' : 'ok';
      expect(got, `line ${i + 1}`).toBe(expected[i]);
    });
    expect(summary.errors).toBe(expected.filter((e) => e === 'error').length);
    // ids come back as given (numbers stay numbers), and text results are named by their id
    const r1 = records[1]!;
    expect('result' in r1 && r1.id === 1 && r1.result.source === '1').toBe(true);
    const hugeRecord = records[5000]!;
    expect('result' in hugeRecord && hugeRecord.result.findings.length).toBeGreaterThan(0);
    const big = records[5001]!;
    expect('result' in big && big.result.errors[0]!.code).toBe('too-large');
    const pdf = records[5002]!;
    expect('result' in pdf && pdf.result.findings.length).toBeGreaterThan(0);
    const bad = records[7]!;
    expect('error' in bad && bad.error.code).toBe('invalid-json');
  }, 120_000);

  it('gives the same record for the same line wherever it is in the stream', async () => {
    const line = JSON.stringify({ id: 'a', text: REPORTS[0] });
    const { text: alone } = await run([line]);
    const { text: among } = await run([JSON.stringify({ id: 'b', text: REPORTS[1] }), line]);
    expect(among.split('\n')[1]).toBe(alone.trim().replace('"line":1', '"line":2'));
  });

  it('tolerates a byte-order mark on the first line', async () => {
    const { records } = await run([`\ufeff${JSON.stringify({ id: 1, text: REPORTS[0] })}`]);
    expect('result' in records[0]!).toBe(true);
  });
});

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('the spinex process', () => {
  it('flushes each result before the next line arrives, and exits 0 despite bad lines', async () => {
    const child = spawn(
      process.execPath,
      ['--import', TSX, resolve('src/cli/main.ts'), 'extract', '--jsonl-in'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    const waiters: (() => void)[] = [];
    child.stdout.on('data', (c) => {
      out += String(c);
      for (const w of waiters.splice(0)) w();
    });
    child.stderr.on('data', (c) => {
      err += String(c);
    });
    const lineCount = () => out.split('\n').length - 1;
    const until = async (n: number) => {
      while (lineCount() < n) await new Promise<void>((r) => waiters.push(r));
    };
    // The second line is written only after the first answer came back: a buffering tool would hang here.
    child.stdin.write(`${JSON.stringify({ id: 1, text: REPORTS[0] })}\n`);
    await until(1);
    child.stdin.write('not json\n');
    await until(2);
    child.stdin.end(`${JSON.stringify({ id: 3, text: REPORTS[2] })}\r\n`); // CRLF from a Windows file
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code, err).toBe(0);
    const records = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LineRecord);
    expect(records.map((r) => [r.id, 'error' in r])).toEqual([
      [1, false],
      [null, true],
      [3, false],
    ]);
    expect(err).toContain('1 unusable');
  }, 60_000);
});
