import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

let cached: string | null = null;

/** spinex's own version, from package.json (read once). */
export function toolVersion(): string {
  if (cached === null) {
    try {
      cached = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
        .version;
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
