/**
 * Run in a child process by library.test.ts: records every file read and whether a `.env` in the working
 * folder leaked into process.env while importing the library, then (with --call) after using it.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const reads: string[] = [];
const wrap = <F extends (...a: never[]) => unknown>(name: string, f: F): F =>
  ((...args: Parameters<F>) => {
    reads.push(`${name} ${String(args[0])}`);
    return f(...args);
  }) as F;
fs.readFileSync = wrap('readFileSync', fs.readFileSync);
fs.openSync = wrap('openSync', fs.openSync);
fs.promises.readFile = wrap('readFile', fs.promises.readFile);
fs.promises.open = wrap('open', fs.promises.open);
syncBuiltinESMExports();

const lib = await import('../../src/index.js');
const afterImport = reads.filter((r) => r.includes('lexicons'));
let afterCall: string[] = [];
if (process.argv.includes('--call')) {
  lib.extractDocument('IMPRESSION: Mild L2 height loss.');
  afterCall = reads.filter((r) => r.includes('lexicons'));
}
process.stderr.write(
  `PROBE ${JSON.stringify({ afterImport, afterCall, envLeak: process.env.SPINEX_PROBE_ENV ?? null })}\n`,
);
