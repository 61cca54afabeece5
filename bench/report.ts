/** Markdown for bench/results.md: the machine, per-stage tables, CLI timings and the issue's targets. */
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Timing } from './cli.js';
import type { CorpusResult } from './inprocess.js';
import { STAGE_NOTES, STAGES } from './staged.js';

export function machine(): string {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return [
    `- OS: ${type()} ${release()} (${process.platform}/${process.arch})`,
    `- CPU: ${cpu}; ${availableParallelism()} core(s) available`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version} (V8 ${process.versions.v8})`,
  ].join('\n');
}

export function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
}

const us = (ms: number) => (ms * 1000).toFixed(ms < 0.01 ? 1 : 0);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** The corpora side by side: µs per document and share of the stages' sum, then the totals. */
export function stageTable(results: CorpusResult[]): string {
  const head = `| stage | ${results.map((r) => `${r.corpus}: µs/doc | share`).join(' | ')} | what is timed |`;
  const rule = `| --- | ${results.map(() => '---: | ---:').join(' | ')} | --- |`;
  const sums = results.map((r) => STAGES.reduce((a, s) => a + r.stages[s], 0));
  const rows = STAGES.map(
    (s) =>
      `| ${s} | ${results.map((r, i) => `${us(r.stages[s])} | ${pct(r.stages[s] / sums[i]!)}`).join(' | ')} | ${STAGE_NOTES[s]} |`,
  );
  const line = (label: string, cell: (r: CorpusResult, i: number) => string, note = '') =>
    `| ${label} | ${results.map((r, i) => `${cell(r, i)} | `).join(' | ')} | ${note} |`;
  return [
    head,
    rule,
    ...rows,
    line('sum of stages', (_, i) => `**${us(sums[i]!)}**`),
    line('end to end', (r) => `**${us(r.msPerDoc)}**`, 'read → serialised line, measured as one'),
    line('read-and-scan floor', (r) => us(r.floorMsPerDoc), 'read + one regex over the text'),
    line('ratio to floor', (r) => `**${r.ratio.toFixed(1)}×**`),
    line('docs/s', (r) => `**${int(r.docsPerSec)}**`),
    line('MB/s', (r) => r.mbPerSec.toFixed(2)),
    line('documents / MB', (r) => `${int(r.docs)} / ${(r.bytes / 1e6).toFixed(2)}`),
    line('peak RSS (MB)', (r) => r.peakRssMb.toFixed(0), 'whole child process'),
    line('rme of end to end', (r) => (r.rme === null ? 'n/a' : `±${r.rme.toFixed(1)}%`)),
  ].join('\n');
}

export interface Combined {
  docs: number;
  bytes: number;
  docsPerSec: number;
  mbPerSec: number;
  ratio: number;
}

/** The real corpora as one: their end-to-end times and floors added up. */
export function combine(results: CorpusResult[]): Combined | null {
  if (results.length === 0) return null;
  const docs = results.reduce((a, r) => a + r.docs, 0);
  const bytes = results.reduce((a, r) => a + r.bytes, 0);
  const ms = results.reduce((a, r) => a + r.msPerDoc * r.docs, 0);
  const floor = results.reduce((a, r) => a + r.floorMsPerDoc * r.docs, 0);
  return {
    docs,
    bytes,
    docsPerSec: (docs / ms) * 1000,
    mbPerSec: bytes / 1e6 / (ms / 1000),
    ratio: ms / floor,
  };
}

export function timingTable(rows: Timing[]): string {
  return [
    '| what | command | median ms | min ms | runs | exit |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows.map(
      (t) =>
        `| ${t.label} | \`${t.command}\` | **${t.medianMs.toFixed(0)}** | ${t.minMs.toFixed(0)} | ${t.runs} | ${t.statuses.join(',')} |`,
    ),
  ].join('\n');
}

export interface Throughput {
  label: string;
  command: string;
  docs: number;
  /** Result lines the command wrote (one per document in jsonl). */
  written: number;
  wallMs: number;
  /** User + system time of every thread, when measured. */
  cpuMs: number | null;
  peakRssMb: number | null;
  status: number | null;
  /** Runs this one is the median of. */
  runs: number;
}

export function throughputTable(rows: Throughput[]): string {
  return [
    '| run | command | docs | results | wall s | docs/s | CPU s | peak RSS MB | runs | exit |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (t) =>
        `| ${t.label} | \`${t.command}\` | ${int(t.docs)} | ${int(t.written)} | ${(t.wallMs / 1000).toFixed(1)} | **${int((t.docs / t.wallMs) * 1000)}** | ${t.cpuMs === null ? 'n/a' : (t.cpuMs / 1000).toFixed(1)} | ${t.peakRssMb?.toFixed(0) ?? 'n/a'} | ${t.runs} | ${t.status} |`,
    ),
  ].join('\n');
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

export function targetTable(rows: Target[]): string {
  return [
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...rows.map(
      (t) =>
        `| ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
}

/** `--jobs 2` against `--jobs 1` in docs/s, from a jobsPair. */
export function speedupOf(pair: Throughput[] | undefined): number | null {
  const [one, two] = pair ?? [];
  return one && two ? one.wallMs / two.wallMs : null;
}

/** The target row of `--jobs 2` for one corpus: extract and batch, both must reach 1.7x. */
export function jobsTarget(
  what: string,
  extract: Throughput[] | undefined,
  batch: Throughput[] | undefined,
  ceiling?: number,
): Target {
  const e = speedupOf(extract);
  const b = speedupOf(batch);
  const cpu = (pair: Throughput[] | undefined) =>
    pair?.every((t) => t.cpuMs !== null)
      ? ` (CPU ${pair.map((t) => ((t.cpuMs ?? 0) / 1000).toFixed(1)).join(' → ')} s)`
      : '';
  return {
    target: `\`--jobs 2\` ≥ 1.7× one job, ${what}`,
    measured:
      e === null && b === null
        ? 'no --jobs option in this build'
        : [
            e === null ? null : `extract ${e.toFixed(2)}×${cpu(extract)}`,
            b === null ? null : `batch ${b.toFixed(2)}×${cpu(batch)}`,
          ]
            .filter((x) => x !== null)
            .join('; ') +
          (ceiling === undefined
            ? ''
            : `; this machine's ceiling (two one-job runs at once): ${ceiling.toFixed(2)}×`),
    met: e === null && b === null ? null : (e ?? 0) >= 1.7 && (b ?? 0) >= 1.7,
  };
}
