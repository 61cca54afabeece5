import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  type DocumentResult,
  evaluateCase,
  extractDocument,
  extractFile,
  loadLexicons,
  SCHEMA_VERSION,
} from '../../src/index.js';
import { LEXICONS } from '../helpers/lexicons.js';

const lexicons = loadLexicons();
const tmp = mkdtempSync(join(tmpdir(), 'spinex-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const finding = (r: DocumentResult, concept: string) => r.findings.find((f) => f.concept === concept);

describe('README example', () => {
  it('runs and prints the findings, triage and recommendations it promises', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      lines.push(a.join(' '));
    });
    const { exampleCase, exampleResult } = await import('./readme-example.js');
    log.mockRestore();
    expect(lines[0]).toMatch(/^vertebral_height_loss present \[L2\] "loss of height" @\d+$/);
    expect(lines).toContain('spinal_stenosis absent [] "spinal canal stenosis" @256');
    const f = finding(exampleResult, 'vertebral_height_loss')!;
    expect(exampleResult.source).toBe('mri.txt');
    expect(f.span.text).toBe('loss of height');
    expect(exampleCase.caseId).toBe('patient-1');
    expect(exampleCase.triage).toBe('conservative');
    expect(exampleCase.recommendations.map((r) => r.id)).toContain('avoid-aggressive-manipulation');
    expect(lines.some((l) => l.startsWith('conservative - Triage conservative'))).toBe(true);
  });

  it('is the code block of the README, when the README has the library section', () => {
    const readme = readFileSync(resolve('README.md'), 'utf8');
    const at = readme.indexOf("from 'spinex';");
    if (at < 0) return; // the section is pasted by the lead; until then there is nothing to compare
    const start = readme.lastIndexOf('```ts', at) + '```ts\n'.length;
    const block = readme.slice(start, readme.indexOf('```', at));
    const example = readFileSync(resolve('test/api/readme-example.ts'), 'utf8')
      .replace("'../../src/index.js'", "'spinex'")
      .replace(/\nexport \{[^}]*\};\n$/, '\n');
    expect(block).toBe(example);
  });
});

describe('extractDocument', () => {
  const text = 'IMPRESSION:\r\nMild L2 height loss. No retropulsion.\r\n';

  it('normalises text as ingest does and points spans into the normalised text', () => {
    const r = extractDocument(text, { lexicons, includeText: true });
    expect(r.source).toBe('<text>');
    expect(r.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.text).toBe('IMPRESSION:\nMild L2 height loss. No retropulsion.\n');
    for (const f of r.findings) expect(r.text!.slice(f.span.start, f.span.end)).toBe(f.span.text);
    expect(finding(r, 'retropulsion')?.assertion).toBe('absent');
  });

  it('uses the packaged lexicons when none are given, and leaves out the text unless asked', () => {
    const r = extractDocument({ source: 'a.txt', text }, {});
    expect(r.source).toBe('a.txt');
    expect(r.text).toBeUndefined();
    expect(finding(r, 'vertebral_height_loss')?.levels).toEqual(['L2']);
  });

  it('takes a site lexicon folder with its own terms', () => {
    const site = join(tmp, 'site-lexicons');
    cpSync(LEXICONS, site, { recursive: true });
    const file = join(site, 'concepts.json');
    const lex = JSON.parse(readFileSync(file, 'utf8')) as {
      concepts: { id: string; terms: unknown[] }[];
    };
    lex.concepts.find((c) => c.id === 'vertebral_height_loss')!.terms.push('keel-shaped vertebra');
    writeFileSync(file, JSON.stringify(lex));
    const sentence = 'FINDINGS: Keel-shaped vertebra at T12.';
    expect(finding(extractDocument(sentence, { lexicons }), 'vertebral_height_loss')).toBeUndefined();
    const siteResult = extractDocument(sentence, { lexicons: loadLexicons(site) });
    expect(finding(siteResult, 'vertebral_height_loss')?.levels).toEqual(['T12']);
  });

  it('names the file when a site lexicon is invalid', () => {
    const broken = join(tmp, 'broken-lexicons');
    cpSync(LEXICONS, broken, { recursive: true });
    writeFileSync(join(broken, 'concepts.json'), '{"version": "1", "concepts": []}');
    expect(() => loadLexicons(broken)).toThrow(/concepts\.json/);
  });
});

describe('extractFile', () => {
  it('reads a text report and a PDF', async () => {
    const txt = await extractFile('samples/reports/03-ct-lumbar-compression-fracture.txt', { lexicons });
    expect(txt.source).toBe('samples/reports/03-ct-lumbar-compression-fracture.txt');
    expect(finding(txt, 'compression_fracture')?.levels).toContain('L1');
    const pdf = await extractFile('samples/pdf/lumbar-mri-report.pdf', { lexicons, includeText: true });
    expect(pdf.errors).toEqual([]);
    expect(pdf.findings.length).toBeGreaterThan(0);
    for (const f of pdf.findings) expect(f.page).toBe(1);
  });

  it('returns an error record for a missing or empty file instead of throwing', async () => {
    const missing = await extractFile(join(tmp, 'nope.txt'), { lexicons });
    expect(missing.errors.map((e) => e.code)).toEqual(['not-found']);
    const empty = join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    expect((await extractFile(empty, { lexicons })).errors.map((e) => e.code)).toEqual(['empty']);
  });
});

describe('evaluateCase', () => {
  const mri = 'MRI CERVICAL SPINE\nIMPRESSION: Severe C5-6 stenosis with cord compression.';
  const note =
    'HPI: 70-year-old man with hand clumsiness and gait imbalance for 4 months.\nEXAM: Hoffmann sign positive bilaterally. mJOA 11/18.';

  it('accepts texts, documents and results alike and gives the same case', () => {
    const fromText = evaluateCase(
      [
        { source: 'mri.txt', text: mri },
        { source: 'note.txt', text: note },
      ],
      { lexicons, caseId: 'p' },
    );
    const fromResults = evaluateCase(
      [
        extractDocument(mri, { source: 'mri.txt', lexicons, includeText: true }),
        { result: extractDocument(note, { source: 'note.txt', lexicons }), text: note },
      ],
      { lexicons, caseId: 'p' },
    );
    expect(fromText.triage).toBe('surgical-review');
    expect(JSON.stringify(fromResults)).toBe(JSON.stringify(fromText));
  });

  it('names plain texts document-N', () => {
    const c = evaluateCase([note], { lexicons });
    expect(c.sources).toEqual(['document-1']);
    expect(c.facts.measurements.find((m) => m.kind === 'mjoa')?.value).toBe(11);
  });
});

// tsx as a file URL: the child runs in a scratch folder, where a bare 'tsx' would not resolve.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

describe('importing the library', () => {
  const probe = (args: string[]) => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    writeFileSync(join(cwd, '.env'), 'SPINEX_PROBE_ENV=leaked\n');
    const run = spawnSync(process.execPath, ['--import', TSX, resolve('test/api/import-probe.ts'), ...args], {
      cwd,
      encoding: 'utf8',
    });
    const line = run.stderr.split('\n').find((l) => l.startsWith('PROBE '));
    if (!line) throw new Error(`probe failed: ${run.stderr}`);
    return { stdout: run.stdout, ...JSON.parse(line.slice(6)) };
  };

  it('prints nothing, reads no lexicon and loads no .env until a function is called', () => {
    const r = probe([]);
    expect(r.stdout).toBe('');
    expect(r.afterImport).toEqual([]);
    expect(r.envLeak).toBeNull();
  }, 30_000);

  it('reads the lexicons on the first call (the probe sees reads)', () => {
    const r = probe(['--call']);
    expect(r.stdout).toBe('');
    expect(r.afterCall.some((x: string) => x.includes('concepts.json'))).toBe(true);
  }, 30_000);
});
