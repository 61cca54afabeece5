/**
 * Whole-process timings of the built CLI (dist/bin/spinex.js), as a user meets it: start-up, one small
 * document, one 3-page PDF, throughput over folders, and peak RSS of a long streaming run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { packageRoot } from '../src/util/package-root.js';
import type { Throughput } from './report.js';

/** The built command line that `spinex` runs: package.json's bin (the bundle `npm run build` writes). */
export function cliPath(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    bin: { spinex: string };
  };
  return join(packageRoot(), pkg.bin.spinex);
}

const TIME_V = '/usr/bin/time';
// Fallback when GNU time is missing: the child reports its own peak RSS and CPU time (all threads) as it exits.
const RSS_HOOK =
  "data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nspinex-bench-maxrss-kb='+u.maxRSS+' spinex-bench-cpu-us='+(u.userCPUTime+u.systemCPUTime)+'\\n')})";

export interface Run {
  wallMs: number;
  peakRssMb: number | null;
  /** User + system CPU time of the whole process, every thread (with `rss`). */
  cpuMs: number | null;
  status: number | null;
  /** Lines and bytes the command wrote to stdout (counted, not kept). */
  lines: number;
  outBytes: number;
  stderrTail: string;
}

/** Run `node <args>` once, counting stdout, with wall time and (when `rss`) peak RSS. */
export function runNode(args: string[], opts: { rss?: boolean } = {}): Promise<Run> {
  const useTime = opts.rss && existsSync(TIME_V);
  const cmd = useTime ? TIME_V : process.execPath;
  const argv = useTime
    ? ['-v', process.execPath, ...args]
    : opts.rss
      ? [`--import=${RSS_HOOK}`, ...args]
      : args;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let outBytes = 0;
    let err = '';
    p.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    });
    // Only the tail matters (GNU time's report, the last error); keep memory flat on long runs.
    p.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-8192);
    });
    p.on('error', reject);
    p.on('close', (status) => {
      const wallMs = performance.now() - t;
      const kb = useTime
        ? /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1]
        : /spinex-bench-maxrss-kb=(\d+)/.exec(err)?.[1];
      const cpuMs = useTime
        ? seconds(
            /User time \(seconds\): ([\d.]+)/.exec(err)?.[1],
            /System time \(seconds\): ([\d.]+)/.exec(err)?.[1],
          )
        : microseconds(/spinex-bench-cpu-us=(\d+)/.exec(err)?.[1]);
      resolve({
        wallMs,
        peakRssMb: kb ? Number(kb) / 1024 : null,
        cpuMs,
        status,
        lines,
        outBytes,
        stderrTail: err.slice(-600),
      });
    });
  });
}

const seconds = (user?: string, system?: string) =>
  user === undefined || system === undefined ? null : (Number(user) + Number(system)) * 1000;
const microseconds = (us?: string) => (us === undefined ? null : Number(us) / 1000);

export interface Timing {
  label: string;
  command: string;
  runs: number;
  medianMs: number;
  minMs: number;
  /** Exit statuses seen (0 ok; 1 means some input had an error record). */
  statuses: number[];
}

/** Median wall time of `runs` runs after one warm-up run (which fills the page cache, not V8's). */
export async function timeCli(
  label: string,
  args: string[],
  runs: number,
  opts: { viaCli?: boolean; shown?: string } = {},
): Promise<Timing> {
  const viaCli = opts.viaCli ?? true;
  const full = viaCli ? [cliPath(), ...args] : args;
  await runNode(full);
  const walls: number[] = [];
  const statuses = new Set<number>();
  for (let i = 0; i < runs; i++) {
    const r = await runNode(full);
    walls.push(r.wallMs);
    statuses.add(r.status ?? -1);
  }
  walls.sort((a, b) => a - b);
  return {
    label,
    command: opts.shown ?? (viaCli ? `spinex ${args.join(' ')}` : `node ${args.join(' ')}`),
    runs,
    medianMs: walls[Math.floor(walls.length / 2)]!,
    minMs: walls[0]!,
    statuses: [...statuses],
  };
}

/** Does this build's CLI accept `--jobs` for a command? (The worker pool may land after the bench.) */
export function supportsJobs(command: string): boolean {
  const r = spawnSync(process.execPath, [cliPath(), command, '--help'], { encoding: 'utf8' });
  return /--jobs\b/.test(r.stdout ?? '');
}

/** A 3-page PDF report rendered with pdfkit: one sample report per page. */
export async function makePdf(file: string, pages: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margins: { top: 60, bottom: 60, left: 64, right: 64 } });
    const out = createWriteStream(file);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
    pages.forEach((text, i) => {
      if (i > 0) doc.addPage();
      doc.font('Helvetica').fontSize(9);
      // Stop short of the bottom margin: pdfkit would flow the rest of a long sample onto another page.
      const bottom = doc.page.height - doc.page.margins.bottom - 40;
      for (const line of text.split('\n')) {
        if (doc.y > bottom) break;
        if (line.trim() === '') doc.moveDown(0.4);
        else doc.text(line.slice(0, 300), { lineGap: 1 });
      }
    });
    doc.end();
  });
}

/** One file per note, so the CLI reads the real corpora as it would a folder of reports. */
export function writeNotes(dir: string, notes: { source: string; raw: string }[]): void {
  mkdirSync(dir, { recursive: true });
  notes.forEach((n, i) => {
    writeFileSync(join(dir, `${String(i).padStart(5, '0')}.txt`), n.raw);
  });
}

/** The notes `times` over, one subfolder per copy: a folder of years of reports, for steady-state rates. */
export function writeNotesRepeated(
  dir: string,
  notes: { source: string; raw: string }[],
  times: number,
): void {
  for (let r = 0; r < times; r++) writeNotes(join(dir, `copy-${String(r).padStart(2, '0')}`), notes);
}

function warn(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`);
}

/** One CLI run over a folder; `shown` replaces this machine's paths in what the report prints. */
export async function throughput(
  label: string,
  args: string[],
  docs: number,
  shown: string,
): Promise<Throughput> {
  const r = await runNode([cliPath(), ...args], { rss: true });
  if (r.status !== 0 && r.status !== 1) warn(`${label}: exit ${r.status}: ${r.stderrTail}`);
  if (r.lines !== docs) warn(`${label}: ${r.lines} result lines for ${docs} documents: ${r.stderrTail}`);
  return {
    label,
    command: `spinex ${shown}`,
    docs,
    written: r.lines,
    wallMs: r.wallMs,
    cpuMs: r.cpuMs,
    peakRssMb: r.peakRssMb,
    status: r.status,
    runs: 1,
  };
}

/**
 * A command with `--jobs 1` and with `--jobs 2`, run alternately `runs` times each (a shared machine's load
 * then weighs on both alike); for each, the run of median wall time.
 */
export async function jobsPair(
  label: string,
  args: string[],
  folder: string,
  shownFolder: string,
  docs: number,
  runs: number,
): Promise<Throughput[]> {
  const seen: Throughput[][] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const j of [1, 2]) {
      const jj = ['--jobs', String(j)];
      seen[j - 1]!.push(
        await throughput(
          `${label}, ${j} job(s)`,
          [...args, ...jj, folder],
          docs,
          [...args, ...jj, shownFolder].join(' '),
        ),
      );
    }
  }
  return seen.map((rs) => medianRun(rs, runs));
}

/** Of several runs of one command, the run of median wall time, marked as standing for `runs` runs. */
function medianRun(rs: readonly Throughput[], runs: number): Throughput {
  const sorted = [...rs].sort((a, b) => a.wallMs - b.wallMs);
  return { ...sorted[Math.floor(sorted.length / 2)]!, runs };
}

/** The most any `--jobs 2` could reach on this machine: two one-job runs at once against one alone. */
export interface Ceiling {
  /** The one-job run alone, of median wall time. */
  alone: Throughput;
  /** Two one-job runs started together: wall time until both end, CPU summed, peak RSS the larger. */
  together: Throughput;
  /** Docs/s of the two together over docs/s of one alone. */
  ratio: number;
}

/**
 * Two copies of the same one-job command at once, against one alone, alternately `runs` times each. Work a
 * pool splits between two threads can go no faster than two processes that share nothing: what stops the pair
 * short of 2x (the cores' shared caches and memory, the second core that one job already uses for V8's
 * compiler and garbage collector) stops `--jobs 2` too.
 */
export async function parallelCeiling(
  label: string,
  args: string[],
  shown: string,
  docs: number,
  runs: number,
): Promise<Ceiling> {
  const alone: Throughput[] = [];
  const together: Throughput[] = [];
  for (let i = 0; i < runs; i++) {
    alone.push(await throughput(`${label}, 1 job, alone`, args, docs, shown));
    const t = performance.now();
    const [a, b] = await Promise.all([
      throughput(`${label}, 1 job, two at once`, args, docs, shown),
      throughput(`${label}, 1 job, two at once`, args, docs, shown),
    ]);
    together.push({
      ...a!,
      docs: docs * 2,
      written: a!.written + b!.written,
      wallMs: performance.now() - t,
      cpuMs: a!.cpuMs === null || b!.cpuMs === null ? null : a!.cpuMs + b!.cpuMs,
      peakRssMb: Math.max(a!.peakRssMb ?? 0, b!.peakRssMb ?? 0) || null,
      status: a!.status === null || b!.status === null ? null : Math.max(a!.status, b!.status),
    });
  }
  const one = medianRun(alone, runs);
  const two = medianRun(together, runs);
  return { alone: one, together: two, ratio: two.docs / two.wallMs / (one.docs / one.wallMs) };
}
