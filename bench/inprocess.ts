/**
 * In-process measurements, run by bench/run.ts in a child process of their own so each gets a fresh heap and
 * its own peak RSS:
 *   node dist/bench/inprocess.js real [--iterations N]   the real corpora, one tinybench task per stage
 *   node dist/bench/inprocess.js synthetic <dir> [name] [--budget-s S]   one streaming pass over files
 *   node dist/bench/inprocess.js profile [<dir>]          plain passes to run under --cpu-prof
 * Prints one JSON object (CorpusResult[]) on stdout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench, type Task } from 'tinybench';
import type { SourceDocument } from '../src/facts/document.js';
import { normaliseText, readInput } from '../src/ingest/index.js';
import { parseJsonl, type RealCorpus, realCorpora } from './corpora.js';
import { floorFiles, floorJsonl } from './floor.js';
import {
  checkAgainstExtractor,
  createStagedPipeline,
  runAll,
  runTimed,
  STAGES,
  type Stage,
  type StagedPipeline,
  type StageTimes,
  zeroTimes,
} from './staged.js';

export interface CorpusResult {
  corpus: string;
  docs: number;
  bytes: number;
  method: string;
  /** Milliseconds per document, per stage. */
  stages: StageTimes;
  /** Measured end to end (read → serialised line), not the sum of the stages. */
  msPerDoc: number;
  docsPerSec: number;
  mbPerSec: number;
  floorMsPerDoc: number;
  ratio: number;
  /** Relative margin of error (%) of the end-to-end measurement, when tinybench gave one. */
  rme: number | null;
  peakRssMb: number;
  /** Documents on which the bench's staged pipeline disagreed with createExtractorSync (should be none). */
  mismatches: string[];
}

let sink = 0;
/** Whole-corpus passes run before the timed ones (see benchRealCorpus). */
const WARMUP_PASSES = 3;

function readJsonlDocs(c: RealCorpus): SourceDocument[] {
  return parseJsonl(readFileSync(c.file, 'utf8'), c).map((r) => ({
    source: r.source,
    text: normaliseText(r.raw),
    pages: null,
    errors: [],
  }));
}

function median(task: Task): { ms: number; rme: number } {
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`bench task ${task.name} did not complete: ${r.state}`);
  return { ms: r.latency.p50, rme: r.latency.rme };
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** One corpus, one tinybench task per stage over the whole corpus, each fed what the stage before produced. */
async function benchRealCorpus(p: StagedPipeline, c: RealCorpus, iterations: number): Promise<CorpusResult> {
  const bytes = readFileSync(c.file).length;
  const docs = readJsonlDocs(c);
  const n = docs.length;
  // End to end first, while the heap holds nothing of the bench's own: the stage tasks below keep every
  // stage's output for every document alive (hundreds of MB on the longer notes), which slows each garbage
  // collection of a run that never holds them.
  const whole = new Bench({ time: 0, iterations, warmupTime: 0, warmupIterations: 1 });
  whole
    .add('floor', () => {
      sink += floorJsonl(c.file, c.field);
    })
    .add('end-to-end', () => {
      for (const d of readJsonlDocs(c)) sink += runAll(p, d).length;
    });
  await whole.run();

  const sections = docs.map((d) => p.sections(d.text));
  const sentences = docs.map((d, i) => p.sentences(d.text, sections[i]!));
  const matched = sentences.map((s, i) => p.matching(docs[i]!, sections[i]!, s));
  const ctx = docs.map((d, i) => p.context(d, sections[i]!, matched[i]!));
  const meas = docs.map((d, i) => p.measurements(d, sections[i]!, sentences[i]!));
  const raw = docs.map((d, i) => p.facts(d, sections[i]!, ctx[i]!, meas[i]!));
  const results = raw.map((r) => p.validation(r));
  const cases = results.map((r, i) => p.guideline(r, docs[i]!.text, ctx[i]!.tokens));

  const bench = new Bench({ time: 0, iterations, warmupTime: 0, warmupIterations: 1 });
  const each = (f: (i: number) => unknown) => () => {
    for (let i = 0; i < n; i++) if (f(i)) sink++;
  };
  bench
    .add('read', () => {
      sink += readJsonlDocs(c).length;
    })
    .add(
      'sections',
      each((i) => p.sections(docs[i]!.text)),
    )
    .add(
      'sentences',
      each((i) => p.sentences(docs[i]!.text, sections[i]!)),
    )
    .add(
      'matching',
      each((i) => p.matching(docs[i]!, sections[i]!, sentences[i]!)),
    )
    .add(
      'context',
      each((i) => p.context(docs[i]!, sections[i]!, matched[i]!)),
    )
    .add(
      'measurements',
      each((i) => p.measurements(docs[i]!, sections[i]!, sentences[i]!)),
    )
    .add(
      'facts',
      each((i) => p.facts(docs[i]!, sections[i]!, ctx[i]!, meas[i]!)),
    )
    .add(
      'validation',
      each((i) => p.validation(raw[i]!)),
    )
    .add(
      'guideline',
      each((i) => p.guideline(results[i]!, docs[i]!.text, ctx[i]!.tokens)),
    )
    .add(
      'serialisation',
      each((i) => p.serialisation(cases[i]!)),
    );
  await bench.run();
  const byName = new Map([...whole.tasks, ...bench.tasks].map((t) => [t.name, median(t)]));
  const stages = zeroTimes();
  for (const s of STAGES) stages[s] = byName.get(s)!.ms / n;
  const e2e = byName.get('end-to-end')!;
  const floor = byName.get('floor')!.ms;
  return {
    corpus: c.name,
    docs: n,
    bytes,
    method: `tinybench, median of ${iterations} whole-corpus passes per stage, after ${WARMUP_PASSES} warm-up passes over every corpus`,
    stages,
    msPerDoc: e2e.ms / n,
    docsPerSec: (n / e2e.ms) * 1000,
    mbPerSec: bytes / 1e6 / (e2e.ms / 1000),
    floorMsPerDoc: floor / n,
    ratio: e2e.ms / floor,
    rme: e2e.rme,
    peakRssMb: peakRssMb(),
    mismatches: checkAgainstExtractor(p, docs.slice(0, 60)),
  };
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/**
 * A folder of files streamed once through the pipeline, reading each with the CLI's own `readInput`, with
 * per-stage clocks, until the files or the time budget run out (the budget keeps the whole bench near five
 * minutes while the pipeline is slow; a fast pipeline covers every file). One pass over tens of thousands of
 * documents is its own large sample; the floor runs over the same files before and after (best of the two)
 * so page cache and CPU frequency treat both alike.
 */
async function benchFolder(
  p: StagedPipeline,
  dir: string,
  name: string,
  budgetMs: number,
): Promise<CorpusResult> {
  const all = listFiles(dir);
  const times: StageTimes = zeroTimes();
  let bytes = 0;
  let n = 0;
  const t0 = performance.now();
  for (const path of all) {
    const tr = performance.now();
    const doc = await readInput({ source: path, path });
    times.read += performance.now() - tr;
    bytes += Buffer.byteLength(doc.text);
    sink += runTimed(p, doc, times).length;
    n++;
    if ((n & 255) === 0 && performance.now() - t0 > budgetMs) break;
  }
  const total = performance.now() - t0;
  const files = all.slice(0, n);
  const floorPass = () => {
    const t = performance.now();
    sink += floorFiles(files);
    return performance.now() - t;
  };
  const floor = Math.min(floorPass(), floorPass());
  const stages = zeroTimes();
  for (const s of STAGES) stages[s as Stage] = times[s] / n;
  const check: SourceDocument[] = [];
  for (const path of files.slice(0, 100)) check.push(await readInput({ source: path, path }));
  return {
    corpus:
      n < all.length
        ? `${name}, first ${n.toLocaleString('en-US')} in ${Math.round(budgetMs / 1000)} s`
        : name,
    docs: n,
    bytes,
    method: 'one streaming pass, per-stage clocks',
    stages,
    msPerDoc: total / n,
    docsPerSec: (n / total) * 1000,
    mbPerSec: bytes / 1e6 / (total / 1000),
    floorMsPerDoc: floor / n,
    ratio: total / floor,
    rme: null,
    peakRssMb: peakRssMb(),
    mismatches: checkAgainstExtractor(p, check),
  };
}

/**
 * Passes over every corpus before anything is timed. They fill the word, stem and fuzzy-correction caches and
 * let V8 optimise each stage on both kinds of note: a batch of thousands of reports spends nearly all its
 * time past that point, and the corpus timed first would otherwise pay for the warm-up of both.
 */
function warmUp(p: StagedPipeline, corpora: readonly RealCorpus[]): void {
  for (let pass = 0; pass < WARMUP_PASSES; pass++) {
    for (const c of corpora) for (const d of readJsonlDocs(c)) sink += runAll(p, d).length;
  }
}

/** Plain passes (no bench bookkeeping) for a CPU profile of the pipeline itself. */
async function profilePasses(p: StagedPipeline, dir: string | undefined): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    for (const c of realCorpora()) for (const d of readJsonlDocs(c)) sink += runAll(p, d).length;
  }
  if (dir) {
    for (const path of listFiles(dir)) sink += runAll(p, await readInput({ source: path, path })).length;
  }
}

async function main(argv: string[]): Promise<void> {
  const [mode, arg] = argv;
  const option = (name: string) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : Number.NaN);
  const iterations = option('--iterations') || 5;
  const budgetMs = (option('--budget-s') || 60) * 1000;
  const p = createStagedPipeline();
  let out: CorpusResult[] = [];
  if (mode === 'real') {
    const corpora = realCorpora();
    warmUp(p, corpora);
    for (const c of corpora) out.push(await benchRealCorpus(p, c, iterations));
  } else if (mode === 'synthetic' && arg) {
    out = [await benchFolder(p, arg, argv[2] ?? 'synthetic', budgetMs)];
  } else if (mode === 'profile') {
    await profilePasses(p, arg);
  } else {
    throw new Error(
      'usage: inprocess.js real [--iterations N] | synthetic <dir> [name] [--budget-s S] | profile [<dir>]',
    );
  }
  process.stdout.write(`${JSON.stringify({ results: out, sink: sink % 10 })}\n`);
}

await main(process.argv.slice(2));
