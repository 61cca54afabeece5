/**
 * The token stream ConText matches on: the shared tokenizer's tokens, with hyphens dropped (so "gram-negative"
 * and "gram negative" match alike), curly apostrophes read as straight ones and a trailing possessive "'s"
 * removed ("patient's mother" matches "patient mother").
 */
import { stem, tokenize } from '../text/tokenize.js';

export interface MatchToken {
  /** Lower-case matching key. */
  key: string;
  /** Porter stem of the key (for `stem` rules). */
  stemKey: string;
  /** Document offsets. */
  start: number;
  end: number;
  /** Counts towards a scope's word limit (a level's number glued to its letter, "L4", counts once). */
  counts: boolean;
}

const JOINERS = new Set(['-', '\u2010', '\u2011', '\u2013']);
// Same-length replacement keeps every offset valid.
const APOSTROPHES_RE = /[\u2018\u2019\u02BC`]/g;

export function matchTokens(text: string, offset = 0): MatchToken[] {
  const raw = tokenize(text.replace(APOSTROPHES_RE, "'"), offset);
  const out: MatchToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (t.kind === 'punct' && JOINERS.has(t.text)) continue;
    let key = t.lower;
    if (t.kind === 'word' && key.length > 2 && key.endsWith("'s")) key = key.slice(0, -2);
    const prev = raw[i - 1];
    const glued = t.kind === 'number' && prev?.kind === 'word' && prev.end === t.start;
    out.push({
      key,
      stemKey: t.kind === 'word' ? stem(key) : key,
      start: t.start,
      end: t.end,
      counts: t.kind === 'word' || (t.kind === 'number' && !glued),
    });
  }
  return out;
}

/** The keys a lexicon phrase matches on. */
export function phraseKeys(phrase: string, useStem: boolean): string[] {
  return matchTokens(phrase).map((t) => (useStem ? t.stemKey : t.key));
}
