/**
 * No regular expression in spinex can backtrack catastrophically: none repeats, without a bound, a group
 * that itself holds a variable-length part ("(a+)+", "(\d+\.?)*", "(a{1,3})+"). Such a group can split a
 * run of text in exponentially many ways before failing. Checked on every regex literal in src/ and on
 * every RegExp the pipeline builds from its lexicons. (Quadratic patterns of another kind, a leading
 * unbounded run retried at every position, are caught by timing in linear.test.ts.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createExtractorSync } from '../../src/pipeline/index.js';
import { packageRoot } from '../../src/util/package-root.js';

interface Quantifier {
  unbounded: boolean;
  /** Matches different lengths (anything but an exact {n}). */
  variable: boolean;
  len: number;
}

function quantifierAt(source: string, i: number): Quantifier | null {
  const c = source[i];
  const lazy = source[i + 1] === '?' ? 1 : 0;
  if (c === '*' || c === '+') return { unbounded: true, variable: true, len: 1 + lazy };
  if (c === '?') return { unbounded: false, variable: true, len: 1 + lazy };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(source.slice(i));
    if (m) {
      const open = m[2] !== undefined && m[3] === '';
      return { unbounded: open, variable: m[2] !== undefined && m[3] !== m[1], len: m[0].length };
    }
  }
  return null;
}

/** The groups of `source` repeated without bound that hold a variable-length part. */
function nestedRepetition(source: string): string[] {
  const found: string[] = [];
  const stack: { start: number; variable: boolean }[] = [{ start: 0, variable: false }];
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    if (c === '(') {
      const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_]\w*>)/.exec(source.slice(i + 1));
      stack.push({ start: i, variable: false });
      i += 1 + (prefix?.[0].length ?? 0);
      continue;
    }
    if (c === ')') {
      const group = stack.pop()!;
      const q = quantifierAt(source, i + 1);
      if (q?.unbounded && group.variable) found.push(source.slice(group.start, i + 1 + q.len));
      const parent = stack[stack.length - 1]!;
      parent.variable ||= group.variable || (q?.variable ?? false);
      i += 1 + (q?.len ?? 0);
      continue;
    }
    if (c === '|' || c === '^' || c === '$') {
      i++;
      continue;
    }
    let end = i + 1;
    if (c === '\\') {
      end = i + 2;
      if (/[pPu]/.test(source[i + 1]!) && source[i + 2] === '{') end = source.indexOf('}', i) + 1;
    } else if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      end = j + 1;
    }
    const q = quantifierAt(source, end);
    if (q?.variable) stack[stack.length - 1]!.variable = true;
    i = end + (q?.len ?? 0);
  }
  return found;
}

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* tsFiles(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

// A regex literal: a slash where an expression starts, up to the closing slash outside a character class.
const LITERAL_RE =
  /(?<=[=(,:!&|?;{}[]|return|\n)\s*\/(?![/*])((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/[dgimsuyv]*/g;

function regexLiterals(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(LITERAL_RE)) {
    try {
      new RegExp(m[1]!, 'v');
    } catch {
      try {
        new RegExp(m[1]!);
      } catch {
        continue; // a division, not a regex
      }
    }
    out.push(m[1]!);
  }
  return out;
}

describe('no regex can backtrack catastrophically', () => {
  it('the check finds nested repetition', () => {
    for (const bad of ['(a+)+', '(\\d+\\.?)*$', '(?:[a-z]+,?)+$', '(a{1,3})+', '(?:\\s*x){2,}'])
      expect(nestedRepetition(bad), bad).not.toEqual([]);
    for (const ok of ['(a|b)*', '(?:ab){0,6}', 'x(?:y+)?', '[(+]+', '\\(a+\\)+', '(?:a{3})+'])
      expect(nestedRepetition(ok), ok).toEqual([]);
  });

  it('in the regex literals of src/', () => {
    const flagged: string[] = [];
    let count = 0;
    for (const file of tsFiles(join(packageRoot(), 'src'))) {
      for (const source of regexLiterals(readFileSync(file, 'utf8'))) {
        count++;
        for (const g of nestedRepetition(source)) flagged.push(`${file}: ${g}`);
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(flagged).toEqual([]);
  });

  it('in the regexes compiled from the lexicons', () => {
    const Original = RegExp;
    const built: string[] = [];
    globalThis.RegExp = new Proxy(Original, {
      construct(target, args: [string | RegExp, string?]) {
        built.push(args[0] instanceof Original ? args[0].source : String(args[0]));
        return Reflect.construct(target, args);
      },
    });
    try {
      createExtractorSync({ validate: false }).extract({
        source: 'x',
        text: 'FINDINGS: 20% loss of height of L2. mJOA 12/18. Pain 6/10 for 3 weeks in a 45-year-old.',
        pages: null,
        errors: [],
      });
    } finally {
      globalThis.RegExp = Original;
    }
    expect(built.length).toBeGreaterThan(10);
    expect(built.flatMap((s) => nestedRepetition(s).map((g) => `${s.slice(0, 80)}: ${g}`))).toEqual([]);
  });
});
