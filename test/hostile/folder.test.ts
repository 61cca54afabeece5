/**
 * A folder of everything a hospital export can hold, run through the BUILT command line as a user would
 * (npm test builds dist/ first): every file gets exactly one record with `source` set, the readable ones get
 * their findings, the unreadable ones an error code, stderr has one line per problem and no stack trace, and
 * the exit code says some inputs failed. SPINEX_RATIOS=1 prints how long the run took.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/facts/schema.js';
import { packageRoot } from '../../src/util/package-root.js';
import { builtCli } from '../helpers/cli.js';
import { makePdf, makeTempDir } from '../ingest/helpers.js';

const root = packageRoot();
const cli = builtCli;

const MRI = `MRI LUMBAR SPINE WITHOUT CONTRAST
CLINICAL HISTORY: 52-year-old man with low back pain radiating down the right leg for 10 weeks.
FINDINGS:
L3-4: Mild disc bulge. No canal stenosis.
L4-5: Right paracentral disc protrusion with moderate central canal stenosis.
L5-S1: Mild facet arthropathy. No foraminal narrowing.
IMPRESSION: Moderate central canal stenosis at L4-5.
`;

const CT = `CT LUMBAR SPINE
HISTORY: 74-year-old woman, fall 2 weeks ago, back pain.
FINDINGS: Acute compression fracture of L1 with approximately 30% loss of vertebral body height. No retropulsion.
IMPRESSION: Acute L1 compression fracture. No spinal canal stenosis.
`;

const CLINIC = `CLINIC NOTE
HPI: Neck pain with hand clumsiness for 3 months. mJOA 13/18.
EXAM: Positive Hoffmann sign bilaterally.
PLAN: MRI cervical spine.
`;

/** What a readable file must yield: a concept with this assertion (and these levels, when given). */
interface Expect {
  concept: string;
  assertion: string;
  levels?: string[];
  page?: number;
}

let dir: string;
let cleanup: () => Promise<void>;
/** Relative path → the error code it must get, or the finding it must yield. */
const expected = new Map<string, { code: string } | { finding: Expect }>();
let run: { status: number | null; stdout: string; stderr: string; ms: number };

const stenosis: Expect = { concept: 'spinal_stenosis', assertion: 'present', levels: ['L4-L5'] };
const fracture: Expect = { concept: 'compression_fracture', assertion: 'present', levels: ['L1'] };
const hoffmann: Expect = { concept: 'hoffmann_sign', assertion: 'present' };

async function put(rel: string, bytes: string | Uint8Array, want: { code: string } | { finding: Expect }) {
  const path = join(dir, rel);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, bytes);
  expected.set(rel, want);
}

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

function cp1252(text: string): Buffer {
  // "é" and curly quotes in one byte each, as a Windows export writes them: not valid UTF-8.
  return Buffer.from(
    text
      .replace(/\u2019/g, '\x92')
      .replace(/\u201c/g, '\x93')
      .replace(/\u201d/g, '\x94'),
    'latin1',
  );
}

/** `unit` repeated to at least `bytes` bytes. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  const stenosisFinding = { finding: stenosis };

  // Readable reports in every encoding and line-ending style.
  await put('reports/MRI lumbar — Zoë Müller.txt', MRI, stenosisFinding);
  await put('reports/utf8-bom-crlf.txt', `\ufeff${MRI.replace(/\n/g, '\r\n')}`, stenosisFinding);
  await put('reports/old-mac-cr.txt', MRI.replace(/\n/g, '\r'), stenosisFinding);
  await put('reports/utf16le.txt', utf16(MRI, 'le'), stenosisFinding);
  await put('reports/utf16be.txt', utf16(MRI, 'be'), stenosisFinding);
  await put('reports/windows-1252.txt', cp1252(`${CT}Dr. Bélanger\u2019s note: \u201cstable\u201d.\n`), {
    finding: fracture,
  });
  await put('reports/nul-bytes.txt', CLINIC.replace('HPI:', 'HPI:\0\0'), { finding: hoffmann });
  await put('reports/no-extension', CLINIC, { finding: hoffmann });
  await put('notes/clinic.md', CLINIC, { finding: hoffmann });
  await put(`deep/${Array.from({ length: 40 }, (_, i) => `level-${i}`).join('/')}/note.txt`, CT, {
    finding: fracture,
  });

  // PDFs: a good one (its finding on page 2), and every way a PDF goes wrong.
  const goodPdf = await makePdf((d) => {
    d.text('Patient: DOE, JOHN   MRN 000123   Page 1 of 2');
    d.text(MRI.split('FINDINGS:')[0]!);
    d.addPage();
    d.text('Patient: DOE, JOHN   MRN 000123   Page 2 of 2');
    d.text(`FINDINGS:${MRI.split('FINDINGS:')[1]!}`);
  });
  await put('pdf/mri report.pdf', goodPdf, { finding: { ...stenosis, page: 2 } });
  await put('pdf/truncated.pdf', goodPdf.subarray(0, Math.floor(goodPdf.length / 2)), {
    code: 'invalid-pdf',
  });
  const corrupt = Buffer.from(goodPdf);
  for (let i = 400; i < corrupt.length - 200; i += 7) corrupt[i] = (corrupt[i]! * 31 + 17) & 0xff;
  await put('pdf/corrupt.pdf', corrupt, { code: 'invalid-pdf' });
  await put(
    'pdf/locked.pdf',
    await makePdf((d) => d.text(CT), { userPassword: 'spine', ownerPassword: 'o', pdfVersion: '1.7' }),
    { code: 'encrypted' },
  );
  await put('pdf/scanned.pdf', await makePdf((d) => d.rect(72, 72, 400, 500).fill('#888888')), {
    code: 'needs-ocr',
  });
  await put('pdf/really-text.pdf', CT, { code: 'invalid-pdf' });
  await put('pdf/bad\nname.pdf', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x0a, 0x00, 0xff]), {
    code: 'invalid-pdf',
  });

  // Binary files under text names, and files with nothing in them.
  await put(
    'binary/photo.txt',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]),
    { code: 'unsupported-format' },
  );
  await put(
    'binary/letter.md',
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml....')]),
    { code: 'unsupported-format' },
  );
  await put('binary/blob', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73) % 256)), {
    code: 'unsupported-format',
  });
  await put('empty.txt', '', { code: 'empty' });
  // Whitespace only is read (it is text), and has nothing to find: no error, no finding.
  await writeFile(join(dir, 'blank.txt'), '  \r\n\t\n   ');

  // Large and hostile: 20 MB of text after a report, a 2 MB line, a file over a per-document limit.
  const filler = 'The committee reviewed the quarterly budget and approved the revised schedule. ';
  await put('big/20mb.txt', `${CT}\n${fill(`${filler}\n`, 20 * 1024 * 1024)}`, { finding: fracture });
  await put('big/one-line.txt', `${CT.replace(/\n/g, ' ')} ${fill(filler, 2 * 1024 * 1024)}`, {
    finding: fracture,
  });

  // Links: a loop back to the root (walked once), a dangling link, a link to a readable file.
  await symlink('..', join(dir, 'deep', 'loop'));
  await symlink('nowhere.txt', join(dir, 'dangling.txt'));
  expected.set('dangling.txt', { code: 'not-found' });
  await symlink(join('reports', 'utf16le.txt'), join(dir, 'alias.txt'));
  expected.set('alias.txt', stenosisFinding);

  // Never read: hidden files and folders.
  await writeFile(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
  await mkdir(join(dir, '.git'));
  await writeFile(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');

  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'extract', dir, '--format', 'jsonl'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  run = { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
  if (process.env.SPINEX_RATIOS) console.log(`FOLDER ${run.ms.toFixed(0)} ms, ${expected.size + 1} files`);
}, 120_000);

afterAll(() => cleanup());

function results(): Map<string, DocumentResult> {
  const out = new Map<string, DocumentResult>();
  for (const line of run.stdout.split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as DocumentResult;
    const rel = r.source.slice(dir.length + 1);
    expect(out.has(rel), `two records for ${rel}`).toBe(false);
    out.set(rel, r);
  }
  return out;
}

describe('a folder of hostile inputs through the built CLI', () => {
  it('finishes well within a minute, with exit code 1 (some inputs unreadable)', () => {
    expect(run.ms).toBeLessThan(60_000);
    expect(run.status).toBe(1);
  });

  it('writes exactly one record per file, each with its source, and none for hidden files', () => {
    const got = results();
    expect([...got.keys()].sort()).toEqual([...expected.keys(), 'blank.txt'].sort());
    for (const [rel, r] of got) expect(r.source).toBe(join(dir, rel));
  });

  it('gives an error code to every unreadable file and the findings of every readable one', () => {
    const got = results();
    for (const [rel, want] of expected) {
      const r = got.get(rel)!;
      if ('code' in want) {
        expect(
          r.errors.map((e) => e.code),
          rel,
        ).toEqual([want.code]);
        expect(r.findings, rel).toEqual([]);
        continue;
      }
      expect(r.errors, rel).toEqual([]);
      const { concept, assertion } = want.finding;
      const f = r.findings.find((x) => x.concept === concept && x.assertion === assertion);
      expect(f, `${rel}: ${concept} ${assertion}`).toBeDefined();
      if (want.finding.levels) expect(f!.levels, rel).toEqual(want.finding.levels);
      if (want.finding.page) expect(f!.page, rel).toBe(want.finding.page);
    }
    expect(got.get('blank.txt')).toMatchObject({ errors: [], findings: [] });
    // The 20 MB file was read to its end, not cut: its size is under the default limit.
    expect(got.get('big/20mb.txt')!.sections.at(-1)!.end).toBeGreaterThan(20 * 1024 * 1024);
  });

  it('reports one line per problem on stderr, `path: code: message`, and no stack trace', () => {
    const lines = run.stderr.trim().split('\n');
    const problems = [...expected.entries()].filter(([, w]) => 'code' in w);
    expect(lines).toHaveLength(problems.length);
    for (const [rel, want] of problems) {
      const shown = join(dir, rel).replace(/\n/g, '\\u000a');
      expect(lines, rel).toContainEqual(
        expect.stringMatching(`^${escapeRe(shown)}: ${'code' in want ? want.code : ''}: \\S`),
      );
    }
    expect(run.stderr).not.toMatch(/\n\s+at \S/);
    expect(run.stderr).not.toMatch(/Error:|node:internal/);
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Files that cannot be opened only exist for an unprivileged user (root reads everything).
describe.skipIf(process.getuid?.() === 0)('a file without read permission', () => {
  it('gets an `unreadable` record and exit code 1', async () => {
    const { chmod } = await import('node:fs/promises');
    const { dir: d, cleanup: c } = await makeTempDir();
    try {
      await writeFile(join(d, 'locked.txt'), CT);
      await chmod(join(d, 'locked.txt'), 0);
      const r = spawnSync(process.execPath, [cli, 'extract', d, '--format', 'jsonl'], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).errors[0].code).toBe('unreadable');
    } finally {
      await rm(d, { recursive: true, force: true });
      await c();
    }
  });
});
