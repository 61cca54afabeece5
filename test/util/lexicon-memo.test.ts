/**
 * The lexicon memo the build writes (scripts/lexicon-memo.mjs) lets a run skip validating the shipped lexicon
 * files and cutting their phrases. It may only ever save time: it must hold exactly what the code computes,
 * and a lexicon that differs from the shipped one by a byte must be validated as always.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConceptLexicon, loadConceptLexicon } from '../../src/match/lexicon.js';
import { phraseKeys } from '../../src/match/trie.js';
import { createExtractorSync } from '../../src/pipeline/index.js';
import { readStemMemo, STEM_MEMO_FILE } from '../../src/text/stems.js';
import {
  LEXICON_MEMO_FILE,
  type Memo,
  memoizedPhrase,
  parseLexiconFile,
  phraseMemoKey,
  readLexiconMemo,
  useLexiconMemo,
} from '../../src/util/lexicon-memo.js';
import { defaultLexiconDir, packageRoot } from '../../src/util/package-root.js';

const built = join(packageRoot(), 'dist', 'src', 'util', LEXICON_MEMO_FILE);
const lexicons = defaultLexiconDir();
const none = (): Memo => ({ validated: new Set(), phrases: new Map() });
const fresh = (key: string) => {
  const caseSensitive = key.startsWith('=');
  const words = new Set<string>();
  const keys = phraseKeys(caseSensitive ? key.slice(1) : key, { caseSensitive, words });
  return { keys, words: [...words] };
};

afterEach(() => useLexiconMemo(null));

describe('lexicon memo', () => {
  it('holds every shipped lexicon file by the hash of its current bytes (`npm run build` writes it)', () => {
    const memo = readLexiconMemo(built);
    const shipped = readdirSync(lexicons).filter((f) => f.endsWith('.json'));
    for (const name of shipped) {
      const sha1 = createHash('sha1')
        .update(readFileSync(join(lexicons, name), 'utf8'))
        .digest('hex');
      expect([...memo.validated]).toContain(`${name}:${sha1}`);
    }
    expect(memo.validated.size).toBe(shipped.length);
    expect(memo.phrases.size).toBeGreaterThan(3000);
  });

  it('holds the keys and words the tokeniser gives each phrase', () => {
    const memo = readLexiconMemo(built);
    const size = memo.phrases.size;
    // Computed afresh: with no memo in use, phraseKeys cuts every phrase.
    useLexiconMemo(none());
    const want = new Map([...memo.phrases.keys()].map((key) => [key, fresh(key)]));
    useLexiconMemo(memo);
    for (const [key, w] of want) expect(fresh(key)).toEqual(w);
    // The memo passed its own check and was used, not set aside.
    expect(memo.checked).toBe(true);
    expect(memo.phrases.size).toBe(size);
    expect(memoizedPhrase('degenerative disc disease', () => ({ keys: [], words: [] }))?.keys).toEqual(
      want.get('degenerative disc disease')?.keys,
    );
    // A phrase of its own starting with "=" is never read as a case-sensitive one's entry.
    expect(phraseMemoKey('=PT', false)).toBeNull();
    expect(phraseMemoKey('PT', true)).toBe('=PT');
  });

  it('leaves the build’s stem memo every word of the lexicon phrases (built without this memo)', () => {
    const stems = new Set(
      readStemMemo(join(packageRoot(), 'dist', 'src', 'text', STEM_MEMO_FILE)).map(([w]) => w),
    );
    const words = new Set<string>();
    for (const line of readLexiconMemo(built).phrases.values())
      for (const w of line.split('\t')[2]!.split(' ')) if (w.length > 3 && /^[a-z]+$/.test(w)) words.add(w);
    expect(words.size).toBeGreaterThan(500);
    expect([...words].filter((w) => !stems.has(w))).toEqual([]);
  });

  it('sets its phrases aside when they are not what this tokeniser gives', () => {
    // As if written by another version of the tokeniser: the first lookup recomputes a sample and sees it.
    const stale: Memo = {
      validated: new Set(),
      phrases: new Map([
        ['disc bulge', 'disc bulge\tdisk bulg\tdisk bulge'],
        ['stenosis', 'stenosis\tstenosis\tstenosis'],
      ]),
    };
    useLexiconMemo(stale);
    expect(phraseKeys('disc bulge')).toEqual(['disc', 'bulg']);
    expect(stale.phrases.size).toBe(0);
  });

  it('skips validating a file only when its name and bytes are those the build validated', () => {
    useLexiconMemo(readLexiconMemo(built));
    const text = readFileSync(join(lexicons, 'concepts.json'), 'utf8');
    // A schema nothing passes shows whether zod ran.
    const never = z.never();
    expect(parseLexiconFile('concepts.json', text, never).success).toBe(true);
    expect(parseLexiconFile('modifiers.json', text, never).success).toBe(false);
    expect(parseLexiconFile('concepts.json', `${text} `, never).success).toBe(false);
    const skipped = parseLexiconFile('concepts.json', text, ConceptLexicon);
    expect(skipped.data).toEqual(ConceptLexicon.parse(JSON.parse(text)));

    // A site's copy with one term of the wrong type: same name, other bytes, so zod still sees it.
    const raw = JSON.parse(text);
    raw.concepts[0].terms.push(42);
    const dir = mkdtempSync(join(tmpdir(), 'spinex-memo-'));
    writeFileSync(join(dir, 'concepts.json'), JSON.stringify(raw, null, 2));
    expect(() => loadConceptLexicon(dir)).toThrow(/invalid lexicon .*concepts\.json: concepts\.0\.terms/);
    const copy = mkdtempSync(join(tmpdir(), 'spinex-memo-'));
    copyFileSync(join(lexicons, 'concepts.json'), join(copy, 'concepts.json'));
    expect(loadConceptLexicon(copy)).toEqual(loadConceptLexicon(lexicons));
  });

  it('gives the same results as building everything afresh', () => {
    const dir = join(packageRoot(), 'samples', 'reports');
    const docs = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => ({ source: f, text: readFileSync(join(dir, f), 'utf8'), pages: null, errors: [] }));
    expect(docs.length).toBeGreaterThan(10);
    useLexiconMemo(none());
    const plain = createExtractorSync();
    const want = docs.map((d) => plain.extract(d));
    const memo = readLexiconMemo(built);
    useLexiconMemo(memo);
    const memoized = createExtractorSync();
    expect(memo.phrases.size).toBeGreaterThan(3000);
    expect(docs.map((d) => memoized.extract(d))).toEqual(want);
  });

  it('is skipped whole when missing, malformed or of the wrong shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spinex-memo-'));
    const empty = (name: string, content?: string) => {
      if (content !== undefined) writeFileSync(join(dir, name), content);
      const m = readLexiconMemo(join(dir, name));
      return m.validated.size === 0 && m.phrases.size === 0;
    };
    expect(empty('none.json')).toBe(true);
    expect(empty('bad.json', '{"validated": [')).toBe(true);
    const arrays = { validated: ['a:1'], phrases: [['disc', ['disc'], ['disc']]] };
    expect(empty('shape.json', JSON.stringify(arrays))).toBe(true);
    const cut = { validated: ['a:1'], phrases: 'disc\tdisc\tdisc\nstenosis' };
    expect(empty('line.json', JSON.stringify(cut))).toBe(true);
    expect(empty('good.json', JSON.stringify({ validated: ['a:1'], phrases: 'disc\tdisc\tdisc' }))).toBe(
      false,
    );
  });
});
