/**
 * The bench's corpora: the two real JSONL corpora beside the package (../shared/data) and a synthetic corpus
 * written as one file per document under os.tmpdir(), generated deterministically from samples/ (never
 * committed, removed after the run).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/util/package-root.js';

export interface RealCorpus {
  name: string;
  file: string;
  /** JSON field holding the note text, and the one naming the document. */
  field: string;
  id: string;
}

export const REAL_CORPORA: readonly Omit<RealCorpus, 'file'>[] = [
  { name: 'lumbar-mri-notes', field: 'clinicians_notes', id: 'patient_id' },
  { name: 'mtsamples-spine', field: 'transcription', id: 'note_id' },
];

export function dataDir(): string {
  return join(packageRoot(), '..', 'shared', 'data');
}

/** The real corpora that are present on this machine (the bench runs without them, and says so). */
export function realCorpora(): RealCorpus[] {
  return REAL_CORPORA.map((c) => ({ ...c, file: join(dataDir(), c.name, `${c.name}.jsonl`) })).filter((c) =>
    existsSync(c.file),
  );
}

/** One raw note per JSONL line: the text before normalisation, and a source name. */
export function parseJsonl(content: string, c: RealCorpus): { source: string; raw: string }[] {
  const out: { source: string; raw: string }[] = [];
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    out.push({ source: `${c.name}#${String(row[c.id])}`, raw: String(row[c.field] ?? '') });
  }
  return out;
}

/** Every .txt under samples/ (reports, cases, PDF twins): the material the synthetic corpus is made of. */
export function sampleTexts(root = join(packageRoot(), 'samples')): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** mulberry32: a small seeded PRNG, so the synthetic corpus is the same on every run and machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LUMBAR = ['L1-2', 'L2-3', 'L3-4', 'L4-5', 'L5-S1'];
const CERVICAL = ['C2-3', 'C3-4', 'C4-5', 'C5-6', 'C6-7', 'C7-T1'];

/**
 * A document generator over the samples: a base sample whose paragraphs are sometimes swapped for another
 * sample's, with measurements, dates, record numbers and disc levels varied, so no two documents are the
 * same string and the mix of findings, negations and sections stays that of the samples.
 */
export function syntheticGenerator(samples: string[], seed = 20240601): (i: number) => string {
  const blocks = samples.map((s) => s.split(/\n\s*\n/));
  return (i: number) => {
    const r = rng(seed + i * 7919);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const base = blocks[Math.floor(r() * blocks.length)]!;
    const parts = base.map((b, k) => (k > 0 && r() < 0.2 ? pick(pick(blocks)) : b));
    return parts
      .join('\n\n')
      .replace(/\b\d+(?:\.\d+)? ?(mm|cm|%)/g, (_, unit: string) =>
        unit === 'cm'
          ? `${(1 + r() * 4).toFixed(1)} cm`
          : `${Math.round(1 + r() * 40)}${unit === '%' ? '%' : ' mm'}`,
      )
      .replace(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g, () => {
        const m = 1 + Math.floor(r() * 12);
        const d = 1 + Math.floor(r() * 28);
        return `${m}/${d}/${2015 + Math.floor(r() * 10)}`;
      })
      .replace(/\bMRN: ?\d+/g, () => `MRN: ${100000 + Math.floor(r() * 899999)}`)
      .replace(/\bL[1-5]-(?:[1-5]|S1)\b/g, (m) => (r() < 0.3 ? pick(LUMBAR) : m))
      .replace(/\bC[2-7]-(?:[3-7]|T1)\b/g, (m) => (r() < 0.3 ? pick(CERVICAL) : m));
  };
}

export interface SyntheticCorpus {
  dir: string;
  files: string[];
  bytes: number;
  remove(): void;
}

/** Write `count` synthetic documents as files, 1,000 per folder (folders of 100,000 entries are slow to list). */
export function writeSyntheticCorpus(count: number, samples = sampleTexts()): SyntheticCorpus {
  const dir = join(tmpdir(), `spinex-bench-${process.pid}-${count}`);
  rmSync(dir, { recursive: true, force: true });
  const gen = syntheticGenerator(samples);
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const file = join(sub, `doc-${String(i).padStart(6, '0')}.txt`);
    const text = gen(i);
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files.push(file);
  }
  return { dir, files, bytes, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function fileBytes(files: readonly string[]): number {
  let n = 0;
  for (const f of files) n += statSync(f).size;
  return n;
}
