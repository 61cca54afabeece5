import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';
import { rng } from './random.js';

/** Every line of every sample text (samples/, recursively). */
export function sampleLines(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) out.push(...readFileSync(p, 'utf8').split('\n'));
    }
  };
  walk(join(packageRoot(), 'samples'));
  return out;
}

/** `count` seeded random strings of up to `maxLen` pieces drawn from `alphabet`. */
export function randomStrings(
  alphabet: readonly string[],
  seed: number,
  count: number,
  maxLen: number,
): string[] {
  const next = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = Math.floor(next() * maxLen);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(next() * alphabet.length)]!;
    out.push(s);
  }
  return out;
}
