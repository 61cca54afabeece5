/** `spinex assert`: the assertion of one target phrase inside one sentence (offsets are sentence offsets). */
import type { AssertResult } from '../facts/schema.js';
import { escapeRegExp } from '../util/regex.js';
import type { ContextEngine, ContextTarget } from './engine.js';

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Where `target` occurs in `sentence`, case-insensitively and with any run of whitespace matching any other:
 * the first whole-word occurrence, else the first occurrence inside a word, else null.
 */
export function findTarget(sentence: string, target: string): { start: number; end: number } | null {
  const words = target.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  // A literal pattern (escaped words joined by \s+) cannot backtrack catastrophically.
  const re = new RegExp(words.map(escapeRegExp).join('\\s+'), 'giu');
  let fallback: { start: number; end: number } | null = null;
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    const start = m.index;
    const end = start + m[0].length;
    const wholeStart = !(isWordChar(sentence[start - 1]) && isWordChar(sentence[start]));
    const wholeEnd = !(isWordChar(sentence[end - 1]) && isWordChar(sentence[end]));
    if (wholeStart && wholeEnd) return { start, end };
    fallback ??= { start, end };
    re.lastIndex = start + 1;
  }
  return fallback;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface AssertOptions {
  /**
   * The date (YYYY-MM-DD) of the note the sentence comes from. Its year is the one against which an event
   * dated to a year is long past ("She had a DVT in 2014"); without it, today's year.
   */
  date?: string;
  /**
   * What the target is, when the caller knows (its concept's category, id and flags, as the match stage
   * gives them for a document): the rules restricted to a category or concept then apply as in a document.
   */
  describe?: (sentence: string, at: { start: number; end: number }) => Omit<ContextTarget, 'start' | 'end'>;
  /**
   * The sentences of the text (as the pipeline splits a document): when given, only the one that holds the
   * target is read, so that "No fracture. Mild anterolisthesis of L4 on L5." leaves the second sentence alone.
   */
  sentences?: (text: string) => readonly { start: number; end: number }[];
}

/** The year of an ISO date, or null when `date` is no valid YYYY-MM-DD date. */
export function yearOfIsoDate(date: string): number | null {
  const m = ISO_DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? y : null;
}

export function assertSentence(
  engine: ContextEngine,
  sentence: string,
  target: string,
  options: AssertOptions = {},
): AssertResult {
  const year = options.date === undefined ? new Date().getUTCFullYear() : yearOfIsoDate(options.date);
  if (year === null) return { error: `date "${options.date}" is not a valid YYYY-MM-DD date` };
  const at = findTarget(sentence, target);
  if (!at) return { error: `target "${target}" not found in the sentence` };
  const own = options.sentences?.(sentence).find((s) => s.start <= at.start && at.end <= s.end);
  const from = own?.start ?? 0;
  const text = own ? sentence.slice(own.start, own.end) : sentence;
  const inOwn = { start: at.start - from, end: at.end - from };
  const [d] = engine.apply(
    text,
    from,
    [{ ...options.describe?.(text, inOwn), ...at }],
    undefined,
    undefined,
    year,
  );
  return {
    assertion: d!.assertion,
    modifiers: d!.modifiers,
    cues: d!.cues,
    target: { start: at.start, end: at.end, text: sentence.slice(at.start, at.end) },
  };
}
