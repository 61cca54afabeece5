/**
 * The lexicon memo the build writes (scripts/lexicon-memo.mjs) lets a run skip validating the shipped lexicon
 * files and cutting their phrases. It may only ever save time: it must hold exactly what the code computes,
 * and a lexicon that differs from the shipped one by a byte must be validated as always.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConceptLexicon, loadConceptLexicon } from '../../src/match/lexicon.js';
import { phraseKeys } from '../../src/match/trie.js';
import {
  LEXICON_MEMO_FILE,
  memoizedPhrase,
  parseLexiconFile,
  phraseMemoKey,
  readLexiconMemo,
  useLexiconMemo,
} from '../../src/util/lexicon-memo.js';
import { defaultLexiconDir, packageRoot } from '../../src/util/package-root.js';

const built = join(packageRoot(), 'dist', 'src', 'util', LEXICON_MEMO_FILE);
const lexicons = defaultLexiconDir();

afterEach(() => useLexiconMemo(null));

describe('lexicon memo', () => {
  it('lists every shipped lexicon file, by its current bytes (`npm run build` writes it)', () => {
    const memo = readLexiconMemo(built);
    const names = [...memo.validated].map((k) => k.split(':')[0]).sort();
    const shipped = readdirSync(lexicons)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(names).toEqual(shipped);
    expect(memo.phrases.size).toBeGreaterThan(3000);
  });

  it('holds the keys and words the tokeniser gives each phrase', () => {
    const memo = readLexiconMemo(built);
    // Computed afresh: the sources run without a memo beside them.
    useLexiconMemo({ validated: new Set(), phrases: new Map() });
    const fresh = new Map<string, { keys: string[]; words: string[] }>();
    for (const key of memo.phrases.keys()) {
      const caseSensitive = key.startsWith('=');
      const words = new Set<string>();
      const keys = phraseKeys(caseSensitive ? key.slice(1) : key, { caseSensitive, words });
      fresh.set(key, { keys, words: [...words] });
    }
    useLexiconMemo(memo);
    for (const [key, want] of fresh) {
      const got = memoizedPhrase(key)!;
      expect(got.keys).toEqual(want.keys);
      expect(new Set(got.words)).toEqual(new Set(want.words));
    }
    expect(phraseKeys('degenerative disc disease')).toEqual(fresh.get('degenerative disc disease')?.keys);
    // A phrase of its own starting with "=" is never read as a case-sensitive one's entry.
    expect(phraseMemoKey('=PT', false)).toBeNull();
    expect(phraseMemoKey('PT', true)).toBe('=PT');
  });

  it('skips validating a file only when its name and bytes are those the build validated', () => {
    useLexiconMemo(readLexiconMemo(built));
    const text = readFileSync(join(lexicons, 'concepts.json'), 'utf8');
    const skipped = parseLexiconFile('concepts.json', text, ConceptLexicon);
    expect(skipped.success).toBe(true);
    expect(skipped.data).toEqual(ConceptLexicon.parse(JSON.parse(text)));

    // A site's copy with one term of the wrong type: same name, other bytes, so zod still sees it.
    const raw = JSON.parse(text);
    raw.concepts[0].terms.push(42);
    const dir = mkdtempSync(join(tmpdir(), 'spinex-memo-'));
    writeFileSync(join(dir, 'concepts.json'), JSON.stringify(raw, null, 2));
    expect(() => loadConceptLexicon(dir)).toThrow(/invalid lexicon .*concepts\.json: concepts\.0\.terms/);

    // The shipped bytes under another name are validated too (the memo knows them as concepts.json only).
    expect(parseLexiconFile('site-concepts.json', text, ConceptLexicon).success).toBe(true);
    const copy = mkdtempSync(join(tmpdir(), 'spinex-memo-'));
    copyFileSync(join(lexicons, 'concepts.json'), join(copy, 'concepts.json'));
    expect(loadConceptLexicon(copy)).toEqual(loadConceptLexicon(lexicons));
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
    expect(
      empty('shape.json', JSON.stringify({ validated: ['a:1'], phrases: [['disc', ['disc'], ['disc']]] })),
    ).toBe(true);
    expect(
      empty('line.json', JSON.stringify({ validated: ['a:1'], phrases: 'disc\tdisc\tdisc\nstenosis' })),
    ).toBe(true);
    expect(empty('good.json', JSON.stringify({ validated: ['a:1'], phrases: 'disc\tdisc\tdisc' }))).toBe(
      false,
    );
  });
});
