/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and ranks where the time went: self time by file:function, self
 * time by file or package, and inclusive time of the project's own functions (a function counted once per
 * sample however deep it recurses).
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hot {
  key: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  selfByFunction: Hot[];
  selfByFile: Hot[];
  inclusiveProject: Hot[];
}

/** `src/match/trie.ts`-style names for the project's files, `pkg:zod` for a dependency, V8's own labels else. */
function fileOf(url: string, root: string): string {
  if (!url) return '(native)';
  if (!url.startsWith('file:')) return url.startsWith('node:') ? url : `(${url})`;
  const rel = relative(root, fileURLToPath(url));
  const nm = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
  if (nm) return `pkg:${nm[1]}`;
  return rel.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

const maps = new Map<string, SourceMap | null>();

/** 1-based line in the TypeScript source for a position in compiled dist/ JavaScript, via tsc's source maps. */
function sourceLine(url: string, line: number, column: number): number {
  let map = maps.get(url);
  if (map === undefined) {
    const file = `${fileURLToPath(url)}.map`;
    map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : null;
    maps.set(url, map);
  }
  const hit = map?.findEntry(line, column) as { originalLine?: number } | undefined;
  return (hit?.originalLine ?? line) + 1;
}

function rank(map: Map<string, number>, total: number, top: number): Hot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => ({ key, ms: us / 1000, share: us / total }));
}

export function summariseProfile(file: string, root: string, top = 25): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fnKey = new Map<number, string>();
  const fileKey = new Map<number, string>();
  for (const n of prof.nodes) {
    const f = fileOf(n.callFrame.url, root);
    const name = n.callFrame.functionName || '(anonymous)';
    fileKey.set(n.id, f);
    const { url, lineNumber, columnNumber } = n.callFrame;
    const own = f.startsWith('src/') || f.startsWith('bench/');
    const line = own ? sourceLine(url, lineNumber, columnNumber) : lineNumber + 1;
    fnKey.set(n.id, url ? `${f}:${name}:${line}` : name);
  }
  const self = new Map<string, number>();
  const selfFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    if (byId.get(id)?.callFrame.functionName === '(idle)') return;
    total += dt;
    const k = fnKey.get(id)!;
    self.set(k, (self.get(k) ?? 0) + dt);
    const fk = fileKey.get(id)!;
    selfFile.set(fk, (selfFile.get(fk) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = fileKey.get(n)!;
      // The bench's own wrappers would top this list without saying anything about the pipeline.
      if (!f.startsWith('src/')) continue;
      const key = fnKey.get(n)!;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  return {
    totalMs: total / 1000,
    selfByFunction: rank(self, total, top),
    selfByFile: rank(selfFile, total, top),
    inclusiveProject: rank(inclusive, total, top),
  };
}

export function formatHot(title: string, rows: Hot[]): string {
  const lines = [`| ${title} | ms | share |`, '| --- | ---: | ---: |'];
  for (const r of rows)
    lines.push(
      `| \`${r.key.replaceAll('|', '\\|')}\` | ${r.ms.toFixed(0)} | ${(r.share * 100).toFixed(1)}% |`,
    );
  return lines.join('\n');
}
