#!/usr/bin/env node
// Part of `npm run build`, after tsc and the stem memo: bundles the command line and its worker into dist/bin/,
// the files `spinex` runs. Node 20 spends ~40 ms of a one-report run resolving and loading the ~180 modules of
// dist/src and zod one by one; a few bundled files load in about half of that. tsc has already checked and
// compiled the code: esbuild only joins the compiled modules. dist/src stays as it is, for the library.
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = new URL('../dist/', import.meta.url);
const out = new URL('bin/', dist);
rmSync(out, { recursive: true, force: true });

await build({
  entryPoints: {
    spinex: fileURLToPath(new URL('src/cli/main.js', dist)),
    // pool.ts finds its worker as `./worker.js` beside itself: entries and chunks share one folder for that.
    worker: fileURLToPath(new URL('src/parallel/worker.js', dist)),
  },
  outdir: fileURLToPath(out),
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  // Commands, PDF reading, number words and the pool are imported when first needed: they stay separate files.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded from node_modules as they are: natural and compromise by require() of paths inside them, pdf-parse
  // and tinypool only when a run needs them.
  external: ['natural', 'natural/*', 'compromise', 'pdf-parse', 'tinypool'],
  // commander is CommonJS: its require() of Node's modules needs a real require in an ES module.
  banner: { js: "import { createRequire as __spinexRequire } from 'node:module';\nconst require = __spinexRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});

// stems.ts and lexicon-memo.ts read the build's memos beside their own module: in the bundle, this folder.
copyFileSync(new URL('src/text/stem-memo.json', dist), new URL('stem-memo.json', out));
copyFileSync(new URL('src/util/lexicon-memo.json', dist), new URL('lexicon-memo.json', out));
