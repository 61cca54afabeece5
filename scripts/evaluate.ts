/**
 * Scores the extractor against hand-checked expected facts (samples/reports/*.expected.json, or another
 * folder given as the first argument): document-level finding F1 (concept + assertion), level F1
 * (concept + assertion + level) and measurement F1 (kind + value), and prints every difference.
 * Run: npx tsx scripts/evaluate.ts [folder]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseText } from '../src/ingest/index.js';
import { createExtractorSync } from '../src/pipeline/index.js';
import { packageRoot } from '../src/util/package-root.js';

interface Expected {
  findings: { concept: string; assertion: string; levels?: string[] }[];
  measurements: { kind: string; value: number }[];
}

const dir = process.argv[2] ?? join(packageRoot(), 'samples', 'reports');
const extractor = createExtractorSync();
const totals = { finding: [0, 0, 0], level: [0, 0, 0], measure: [0, 0, 0] } as Record<string, number[]>;

function score(name: string, got: Set<string>, want: Set<string>, file: string): void {
  const t = totals[name]!;
  for (const g of got)
    if (want.has(g)) t[0]!++;
    else {
      t[1]!++;
      console.log(`  ${file}: extra ${name} ${g}`);
    }
  for (const w of want)
    if (!got.has(w)) {
      t[2]!++;
      console.log(`  ${file}: missed ${name} ${w}`);
    }
}

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const expected = JSON.parse(
    readFileSync(join(dir, file.replace(/\.txt$/, '.expected.json')), 'utf8'),
  ) as Expected;
  const text = normaliseText(readFileSync(join(dir, file), 'utf8'));
  const r = extractor.extract({ source: file, text, pages: null, errors: [] });
  score(
    'finding',
    new Set(r.findings.map((f) => `${f.concept}/${f.assertion}`)),
    new Set(expected.findings.map((f) => `${f.concept}/${f.assertion}`)),
    file,
  );
  score(
    'level',
    new Set(r.findings.flatMap((f) => f.levels.map((l) => `${f.concept}/${f.assertion}@${l}`))),
    new Set(
      expected.findings.flatMap((f) => (f.levels ?? []).map((l) => `${f.concept}/${f.assertion}@${l}`)),
    ),
    file,
  );
  score(
    'measure',
    new Set(r.measurements.map((m) => `${m.kind}=${m.value}`)),
    new Set(expected.measurements.map((m) => `${m.kind}=${m.value}`)),
    file,
  );
}
for (const [name, [tp, fp, fn]] of Object.entries(totals)) {
  const p = tp! / (tp! + fp! || 1);
  const r = tp! / (tp! + fn! || 1);
  console.log(
    `${name}: P=${p.toFixed(3)} R=${r.toFixed(3)} F1=${((2 * p * r) / (p + r || 1)).toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn})`,
  );
}
