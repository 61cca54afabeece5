/**
 * Loading the rules cheaply must not change them: phrases expanded as products of pre-cut pieces get the
 * text and keys that textual expansion and a fresh cut would give, and rules made when first matched decide
 * exactly as before. A caller's tokens of the sentence decide exactly as the engine's own cut.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContextEngine, findTarget } from '../../src/context/index.js';
import { expandPhrase, PhraseExpander } from '../../src/context/phrases.js';
import { ContextLexicon, compileRules } from '../../src/context/rules.js';
import { phraseKeys } from '../../src/context/tokens.js';
import { tokenize } from '../../src/text/tokenize.js';
import { packageRoot } from '../../src/util/package-root.js';

const lexicon = ContextLexicon.parse(
  JSON.parse(readFileSync(join(packageRoot(), 'lexicons', 'context.json'), 'utf8')),
);

function expanded(written: string, macros: Record<string, string[]>, stem = false): [string, string][] {
  const out: [string, string][] = [];
  new PhraseExpander(macros).expand(written, stem, (p, keys) => out.push([p, keys.join(' ')]));
  return out;
}

function textual(written: string, macros: Record<string, string[]>, stem = false): [string, string][] {
  return expandPhrase(written, macros).map((p) => [p, phraseKeys(p, stem).join(' ')]);
}

describe('phrase expansion', () => {
  it('gives every shipped phrase the text and keys of textual expansion', () => {
    let n = 0;
    for (const g of lexicon.rules) {
      for (const written of g.phrases) {
        for (const stem of [false, true]) {
          const got = expanded(written, lexicon.macros, stem);
          expect(got, written).toEqual(textual(written, lexicon.macros, stem));
          n += got.length;
        }
      }
    }
    expect(n).toBeGreaterThan(10_000);
  }, 60_000);

  it('agrees on macros that touch words, braces, empty and spaced alternatives', () => {
    const macros = {
      a: ['x', '', '  two  words ', "it's", 'L4-5'],
      b: ['{a}', 'y'],
      c: [],
      d: ['p/q', 'c6/7'],
    };
    for (const written of [
      '{a} no {d}',
      'no{a}',
      '{a}{d}',
      '{b} x',
      '{a} {c} {unknown}',
      '{ {a} }',
      'x {a}',
      '{d} {a} ',
      ' {a}  {a} ',
      'plain  words',
    ]) {
      let want: [string, string][] | Error;
      try {
        want = textual(written, macros);
      } catch (e) {
        want = e as Error;
      }
      if (want instanceof Error) expect(() => expanded(written, macros), written).toThrow(want.message);
      else expect(expanded(written, macros), written).toEqual(want);
    }
  });
});

describe('rules made on first match', () => {
  it('lists every rule in lexicon order', () => {
    const ids = lexicon.rules.flatMap((g) =>
      g.phrases.flatMap((w) => expandPhrase(w, lexicon.macros).map((p) => `${g.id}:${p}`)),
    );
    expect(ContextEngine.fromFile().rules.map((r) => r.id)).toEqual(ids);
    expect(compileRules(lexicon).map((r) => r.keys.join(' '))).toEqual(
      lexicon.rules.flatMap((g) =>
        g.phrases.flatMap((w) =>
          expandPhrase(w, lexicon.macros).map((p) => phraseKeys(p, g.stem ?? false).join(' ')),
        ),
      ),
    );
    expect(ids.length).toBeGreaterThan(5000);
  }, 60_000);

  it('report a duplicate phrase of one group as before', () => {
    const data = {
      version: '1',
      listSeparators: [],
      macros: { v: ['has', 'shows'] },
      rules: [{ id: 'neg', category: 'negated', direction: 'forward', phrases: ['{v} no', 'shows  no'] }],
      sectionDefaults: [],
    };
    expect(() => ContextEngine.fromRules(data)).toThrow(
      'rule group "neg": phrase "shows no" is listed twice',
    );
  });
});

describe("the caller's tokens", () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const rows = readFileSync(join(here, 'labelled-sentences.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { sentence: string; target: string });
  const engine = ContextEngine.fromFile();

  it('decide as the engine cutting the sentence itself, curly apostrophes and levels included', () => {
    const extra = [
      { sentence: 'The patient’s mother has no history of cancer at L4-5 or C6/7.', target: 'cancer' },
      { sentence: 'Denies `fever`; no stenosis at L5-S1.', target: 'stenosis' },
    ];
    let n = 0;
    for (const { sentence, target } of [...rows, ...extra]) {
      const at = findTarget(sentence, target);
      if (!at) continue;
      const offset = 1000;
      const t = { start: at.start + offset, end: at.end + offset };
      const own = engine.apply(sentence, offset, [t], { kind: 'findings', title: null });
      const shared = engine.apply(
        sentence,
        offset,
        [t],
        { kind: 'findings', title: null },
        tokenize(sentence, offset),
      );
      expect(shared, sentence).toEqual(own);
      n++;
    }
    expect(n).toBeGreaterThan(100);
  }, 60_000);
});
