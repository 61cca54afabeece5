/**
 * Scores case folders (samples/cases by default, or a folder of case folders given as the first argument)
 * against their expected.json: triage, required and forbidden recommendations and warnings.
 * Run: npx tsx scripts/evaluate-cases.ts [folder]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseDocument } from '../src/case/merge.js';
import { runCase } from '../src/guideline/index.js';
import { readDocuments } from '../src/ingest/index.js';
import { createExtractorSync } from '../src/pipeline/index.js';
import { packageRoot } from '../src/util/package-root.js';

interface Expected {
  triage: string;
  requiredRecommendations: string[];
  forbiddenRecommendations: string[];
  requiredWarnings: string[];
  forbiddenWarnings?: string[];
}

const root = process.argv[2] ?? join(packageRoot(), 'samples', 'cases');
const extractor = createExtractorSync();
let right = 0;
const names = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
for (const name of names) {
  const docs: CaseDocument[] = [];
  for await (const doc of readDocuments([join(root, name)])) docs.push({ result: extractor.extract(doc), text: doc.text });
  const c = runCase(docs, { caseId: name });
  const e = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
  const recs = new Set(c.recommendations.map((r) => r.id));
  const warns = new Set(c.warnings.map((w) => w.code));
  const problems: string[] = [];
  if (c.triage !== e.triage) problems.push(`triage ${c.triage} (expected ${e.triage}) because ${c.why.map((w) => w.rule).join(', ')}`);
  for (const r of e.requiredRecommendations) if (!recs.has(r)) problems.push(`missing recommendation ${r}`);
  for (const r of e.forbiddenRecommendations) if (recs.has(r)) problems.push(`forbidden recommendation ${r}`);
  for (const w of e.requiredWarnings) if (!warns.has(w)) problems.push(`missing warning ${w}`);
  for (const w of e.forbiddenWarnings ?? []) if (warns.has(w)) problems.push(`forbidden warning ${w}`);
  if (problems.length === 0) right++;
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${problems.length ? `\n      ${problems.join('\n      ')}` : ''}`);
}
console.log(`${right}/${names.length} cases fully right`);
