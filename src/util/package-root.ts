import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** The folder holding spinex's package.json, found from this module (works from src/ and dist/src/). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('spinex: cannot find the package root (package.json) above ' + dir);
    dir = up;
  }
  cached = dir;
  return dir;
}

/** Default lexicon folder, overridable by callers (library option or --lexicons). */
export function defaultLexiconDir(): string {
  return join(packageRoot(), 'lexicons');
}
