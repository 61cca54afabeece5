/**
 * The stem memo the build writes (scripts/stem-memo.mjs) stands in for the Porter stemmer at start-up: it
 * must hold porter's own stems, cover the words the lexicons are built from, and be skipped when unreadable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { describe, expect, it } from 'vitest';
import { readStemMemo, STEM_MEMO_FILE, stem } from '../../src/text/stems.js';
import { packageRoot } from '../../src/util/package-root.js';

const porterStem = (w: string) => (porter as { stem(w: string): string }).stem(w);
const built = join(packageRoot(), 'dist', 'src', 'text', STEM_MEMO_FILE);

describe('stem memo', () => {
  it('holds the stemmer’s own stems for the words of the lexicons (`npm run build` writes it)', () => {
    const memo = readStemMemo(built);
    expect(memo.length).toBeGreaterThan(500);
    const words = new Set(memo.map(([w]) => w));
    for (const w of ['spondylosis', 'stenosis', 'radiculopathy', 'laminectomy', 'herniation'])
      expect(words.has(w)).toBe(true);
    for (const [w, s] of memo) expect(s).toBe(porterStem(w));
  });

  it('is skipped when missing, malformed or of the wrong shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-stems-'));
    expect(readStemMemo(join(dir, 'none.json'))).toEqual([]);
    writeFileSync(join(dir, 'bad.json'), '[["disc", ');
    expect(readStemMemo(join(dir, 'bad.json'))).toEqual([]);
    writeFileSync(join(dir, 'shape.json'), JSON.stringify([['disc', 1]]));
    expect(readStemMemo(join(dir, 'shape.json'))).toEqual([]);
  });

  it('stems words no memo holds as the stemmer does, and leaves short and overlong words alone', () => {
    for (const w of ['osteophytes', 'foraminal', 'degenerative', 'compressing', 'zygapophyseal'])
      expect(stem(w)).toBe(porterStem(w));
    expect(stem('the')).toBe('the');
    const long = 'a'.repeat(65);
    expect(stem(long)).toBe(long);
  });
});
