#!/usr/bin/env node
// Part of `npm run build`, after tsc: writes dist/src/util/lexicon-memo.json (see src/util/lexicon-memo.ts), the
// shipped lexicon files that pass their zod schema unchanged and the trie keys of their phrases, recorded while
// the extractor and the guideline are built once and run on one short note (some lexicons load on first use).
import { rmSync, writeFileSync } from 'node:fs';

const out = new URL('../dist/src/util/lexicon-memo.json', import.meta.url);
rmSync(out, { force: true });
const memo = await import('../dist/src/util/lexicon-memo.js');
memo.startRecording();
const { createExtractorSync } = await import('../dist/src/pipeline/index.js');
const { runCase } = await import('../dist/src/guideline/index.js');
const extractor = createExtractorSync();
const text =
  'CLINICAL NOTE\nHISTORY: Low back pain for 8 weeks despite physical therapy. Pain 6/10. mJOA 14.\n' +
  'IMAGING: MRI lumbar spine shows multilevel spondylosis and mild L2 height loss.\nPLAN: Continue PT.\n';
runCase([extractor.extractForCase({ source: 'memo.txt', text, pages: null, errors: [] })]);
const recorded = memo.takeRecording();
writeFileSync(out, `${JSON.stringify(recorded)}\n`);
