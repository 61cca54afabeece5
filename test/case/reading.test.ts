/**
 * The case stage reads a sentence as a range of its document's tokens, and asks several word lists of it
 * in one pass. Both must answer exactly what the sentence tokenised and scanned on its own answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhraseMatcher, PhraseScanner } from '../../src/case/phrases.js';
import { CaseReader, tokenRange } from '../../src/case/reading.js';
import type { DocumentResult } from '../../src/facts/schema.js';
import { loadGuideline } from '../../src/guideline/index.js';
import { type Token, tokenize } from '../../src/text/tokenize.js';
import { rng } from '../helpers/random.js';

const { language } = loadGuideline();

function sampleTexts(dir = path.resolve(import.meta.dirname, '../../samples')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sampleTexts(p);
    return e.name.endsWith('.txt') ? [readFileSync(p, 'utf8')] : [];
  });
}

/** Sentence-like spans: cut after . ; : and at line ends, trimmed. */
function spans(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /[^\n.;:]+[.;:]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    if (t) out.push({ start: m.index + lead, end: m.index + lead + t.length, text: t });
  }
  return out;
}

const relative = (tokens: readonly Token[], from: number, to: number, base: number) =>
  tokens.slice(from, to).map((t) => ({ ...t, start: t.start - base, end: t.end - base }));

describe('a sentence as a range of its document tokens', () => {
  it('is what the sentence tokenises to, or null when a token crosses its ends', () => {
    const pieces = [
      'word',
      'Pain',
      'degen-\nerative',
      'L4-5',
      '3.5',
      '2,5',
      "don't",
      'é',
      '\u{1d400}',
      '.',
      ' ',
      '\n',
      '-',
    ];
    const next = rng(7);
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let k = 0; k < 20; k++) text += pieces[Math.floor(next() * pieces.length)];
      const tokens = tokenize(text);
      for (let k = 0; k < 20; k++) {
        const a = Math.floor(next() * text.length);
        const b = a + Math.floor(next() * (text.length - a + 1));
        const r = tokenRange(tokens, a, b);
        // a search started from any token finds the same range
        const hint = Math.floor(next() * (tokens.length + 2)) - 1;
        expect(tokenRange(tokens, a, b, hint)).toEqual(r);
        const own = tokenize(text.slice(a, b));
        if (r) expect(relative(r.tokens, r.from, r.to, r.base)).toEqual(own);
        else expect(tokens.some((t) => (t.start < a && t.end > a) || (t.start < b && t.end > b))).toBe(true);
      }
    }
  });

  it('a word joined over a line-end hyphen is not cut', () => {
    const text = 'Mild degen-\nerative change.';
    const tokens = tokenize(text);
    expect(tokenRange(tokens, 0, text.indexOf('\n'))).toBeNull();
    expect(tokenRange(tokens, 0, text.length)).not.toBeNull();
  });
});

describe('the word lists asked of one sentence', () => {
  it('one pass gives what each list scanned on its own gives', () => {
    const a = new PhraseMatcher({ x: ['improve', 'not improve', '=improves with'] }, 'norm');
    const b = new PhraseMatcher({ y: ['if', 'in case'], z: ['mri', 'mri scan'] }, 'lower');
    const scanner = new PhraseScanner([a, b] as const);
    const into: ReturnType<typeof scanner.scan> = [[], []];
    for (const text of sampleTexts()) {
      const tokens = tokenize(text);
      expect(scanner.scan(tokens)).toEqual([a.scan(tokens), b.scan(tokens)]);
      // lists handed in again are emptied first
      const mid = tokens.length >> 1;
      scanner.scanInto(tokens, mid, tokens.length, into);
      expect(into).toEqual([a.scan(tokens, mid), b.scan(tokens, mid)]);
    }
  });

  it('answers the same from the document tokens as from the sentence alone', () => {
    let asked = 0;
    for (const text of sampleTexts()) {
      const result = { source: 'doc', findings: [] } as unknown as DocumentResult;
      const withTokens = new CaseReader(language, [{ result, text, tokens: tokenize(text) }]);
      const alone = new CaseReader(language, []);
      for (const span of spans(text)) {
        const sentence = { start: span.start, end: span.end, text: span.text };
        expect(withTokens.course('doc', sentence)).toEqual(language.course(span.text));
        expect(withTokens.globalFailure('doc', sentence)).toBe(language.globalFailure(span.text));
        expect(withTokens.mentionsMri('doc', sentence)).toBe(language.mentionsMri(span.text));
        expect(alone.course('doc', sentence)).toEqual(language.course(span.text));
        for (const t of tokenize(span.text)) {
          expect(withTokens.treatmentCue('doc', sentence, t.start)).toBe(
            language.treatmentStatus(span.text, t.start),
          );
        }
        asked++;
      }
      expect(withTokens.mentionsSpine('doc', text)).toBe(language.mentionsSpine(text));
    }
    expect(asked).toBeGreaterThan(500);
  });
});
