/**
 * Numbers as written: digits ("13", "6.5", "3-1/2"), Roman numerals (Nurick "III"), and number words.
 * Number words go to compromise, but only the few words the regexes already isolated (never a whole
 * report: its full parse costs ~10 ms), and compromise is loaded on the first number word, not at start-up.
 */
import { createRequire } from 'node:module';
import type { CompiledLexicon } from './lexicon.js';

interface NlpView {
  numbers(): { get(): unknown[] };
  fractions(): { get(): unknown[] };
}
type Nlp = (text: string) => NlpView;

let nlp: Nlp | null = null;
function compromise(): Nlp {
  if (!nlp) {
    const mod = createRequire(import.meta.url)('compromise') as { default?: Nlp } & Nlp;
    nlp = mod.default ?? mod;
  }
  return nlp;
}

const ROMAN: Record<string, number> = { 0: 0, i: 1, ii: 2, iii: 3, iv: 4, v: 5 };

export function romanOrDigit(s: string): number | null {
  const v = ROMAN[s.toLowerCase()];
  return v === undefined ? null : v;
}

/** "13", "6.5", "6,5", "3-1/2", "3 1/2" → number. */
export function parseDigits(s: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)(?:[- ]1\/2)?$/.exec(s.trim());
  if (!m) return null;
  const base = Number(m[1]!.replace(',', '.'));
  return s.includes('1/2') ? base + 0.5 : base;
}

const cache = new Map<string, number | null>();
const CACHE_LIMIT = 5000;

/**
 * Value of a short number phrase: digits, an article ("a year"), a fraction word ("one-third", "half"), or
 * cardinal words ("twenty-five", "one and a half"). Null when it names no definite number.
 */
export function parseNumberPhrase(phrase: string, lex: CompiledLexicon): number | null {
  const digits = parseDigits(phrase);
  if (digits !== null) return digits;
  const key = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = parseWords(key, lex);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function parseWords(key: string, lex: CompiledLexicon): number | null {
  if (lex.lex.singularArticles.includes(key)) return 1;
  // compromise reads "one-half" as 1 and ignores "half"/"a quarter", so simple fractions are read here.
  const frac = /^(?:(\p{L}+)[- ])?(\p{L}+)$/u.exec(key);
  if (frac) {
    const denom = lex.lex.fractions[frac[2]!];
    if (denom !== undefined) {
      if (!frac[1]) return denom;
      const num = lex.lex.singularArticles.includes(frac[1]) ? 1 : wordsToNumber(frac[1]);
      return num === null ? null : num * denom;
    }
  }
  return wordsToNumber(key);
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * The cardinals that notes write ("six", "twenty-five", "two and a half"), read without compromise, whose
 * load (~100 ms) would otherwise fall on the first document with a number word. Each value is the one
 * compromise gives (test/measure/numbers.test.ts checks every entry); any other phrase goes to compromise.
 */
export const SIMPLE_NUMBERS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  UNITS.forEach((w, i) => {
    m.set(w, i);
  });
  TEENS.forEach((w, i) => {
    m.set(w, 10 + i);
  });
  TENS.forEach((t, i) => {
    m.set(t, 20 + 10 * i);
    for (let u = 1; u <= 9; u++) {
      m.set(`${t}-${UNITS[u]}`, 20 + 10 * i + u);
      m.set(`${t} ${UNITS[u]}`, 20 + 10 * i + u);
    }
  });
  m.set('hundred', 100);
  for (const [w, v] of [...m]) m.set(`${w} and a half`, v + 0.5);
  return m;
})();

/** Value of cardinal words ("twenty-five", "one and a half"): the table above, else compromise. */
export function wordsToNumber(text: string): number | null {
  const simple = SIMPLE_NUMBERS.get(text);
  if (simple !== undefined) return simple;
  return compromiseNumber(text);
}

/** What compromise reads in `text` (exported for the test that holds the table to it). */
export function compromiseNumber(text: string): number | null {
  const doc = compromise()(text);
  const fr = doc.fractions().get()[0] as { decimal?: number } | undefined;
  if (fr && typeof fr.decimal === 'number') return fr.decimal;
  const n = doc.numbers().get()[0];
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
