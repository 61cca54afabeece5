/**
 * The spellings of words the tokeniser has met, each with its forms and id, in a table of our own: the scan
 * hashes a word as it reads it and looks it up here without cutting it out of the text.
 */
import { detached } from '../util/detach.js';
import { stem } from './stems.js';

/** A word's forms, computed once per process for each spelling. */
export interface WordForms {
  text: string;
  lower: string;
  norm: string;
  /** The spelling's number, never reused in a process (see `firstWordId`). */
  id: number;
}

// Keyed by the word as written: one lookup replaces lower-casing and a stem lookup per token, and every
// token of a spelling shares the same strings. The table is our own rather than a Map, so that a word seen
// before is found without cutting it out of the text: the scan hashes the word as it reads it, and a hit is
// confirmed against a copy of the spelling's code units kept in a typed array (reading the characters of the
// stored strings measured slower). Only a new spelling is sliced.
const WORDS_LIMIT = 200_000;
/** Code units of spellings kept at most (16 MB); a longer single word is still kept, alone. */
const UNITS_LIMIT = 1 << 23;
/** The spellings in the table, by `id - firstId`. */
let words: WordForms[] = [];
/** Open addressing, two numbers a slot: a spelling's hash, and 1 + its index in `words` (0: empty). */
let table = new Int32Array(2 << 12);
let tableBits = 12;
/** The code units of every spelling in the table, one after another: spelling `e` is [starts[e], starts[e + 1]). */
let units = new Uint16Array(1 << 16);
let starts = new Int32Array(1 << 12);
let nextId = 0;
let firstId = 0;
/**
 * Slots a lookup or an insertion looks at, at most. Spellings that hash alike are easy to write ("Aa" and
 * "BB", and every word made of such pairs): thousands of them would make one run of slots that each new one
 * walks to its end, quadratic in their number. Past this many slots a spelling goes to `overflow`, a Map,
 * whose string hashing such text does not defeat. Ordinary words almost never get this far.
 */
const MAX_PROBES = 32;
const overflow = new Map<string, WordForms>();

/**
 * The lowest word id in the current table: ids run from here up densely, so a consumer can keep per-word
 * values in an array indexed by `id - firstWordId()`, and starts it afresh when this changes (the table is
 * cleared when hostile input fills it). An id below it is still a valid name of its spelling, only old.
 */
export function firstWordId(): number {
  return firstId;
}

/**
 * One more code unit of a word's hash: polynomial, as Java's String.hashCode, but kept to 30 bits so that it
 * is always a small integer to V8 (a larger one passed to a call would be boxed, once per word).
 */
function hashStep(hash: number, unit: number): number {
  return (Math.imul(hash, 31) + unit) & 0x3fffffff;
}

/** The table's hash of `text.slice(from, to)` (exported for tests, which need spellings that collide). */
export function wordHash(text: string, from = 0, to = text.length): number {
  let h = 0;
  for (let k = from; k < to; k++) h = hashStep(h, text.charCodeAt(k));
  return h;
}

/** A hash's first slot: the top bits of a Fibonacci multiple, which depend on every bit of the hash. */
function slotOf(hash: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> (32 - tableBits);
}

/** The forms of `text.slice(from, to)`, whose `wordHash` is `hash`. */
export function formsAt(text: string, from: number, to: number, hash: number): WordForms {
  const len = to - from;
  const mask = (1 << tableBits) - 1;
  let probes = 0;
  for (let s = slotOf(hash); ; s = (s + 1) & mask) {
    const e = table[2 * s + 1]!;
    if (e === 0 || ++probes > MAX_PROBES) break;
    if (table[2 * s] !== hash) continue;
    const at = starts[e - 1]!;
    if (starts[e]! - at !== len) continue;
    let k = 0;
    while (k < len && units[at + k] === text.charCodeAt(from + k)) k++;
    if (k === len) return words[e - 1]!;
  }
  const slice = text.slice(from, to);
  return (overflow.size > 0 ? overflow.get(slice) : undefined) ?? addWord(slice, hash);
}

function addWord(slice: string, hash: number): WordForms {
  // Full, or its copies of the spellings would pass UNITS_LIMIT (hostile text of long distinct "words").
  if (words.length >= WORDS_LIMIT || starts[words.length]! + slice.length > UNITS_LIMIT) {
    words = [];
    table.fill(0);
    overflow.clear();
    // One huge word grew the copies past the budget: give that memory back.
    if (units.length > UNITS_LIMIT) units = new Uint16Array(1 << 16);
    firstId = nextId;
  } else if (2 * (words.length + 1) > 1 << tableBits) grow();
  // The table outlives the document a new word was first met in.
  const text = detached(slice);
  const lower = text.toLowerCase();
  const f: WordForms = { text, lower, norm: stem(lower), id: nextId++ };
  const e = words.length;
  words.push(f);
  if (e + 2 > starts.length) starts = copied(starts, new Int32Array(starts.length * 2));
  const at = starts[e]!;
  if (at + text.length > units.length)
    units = copied(units, new Uint16Array(Math.max(units.length * 2, at + text.length)));
  for (let k = 0; k < text.length; k++) units[at + k] = text.charCodeAt(k);
  starts[e + 1] = at + text.length;
  if (!place(e + 1, hash)) overflow.set(text, f);
  return f;
}

function copied<T extends Int32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Puts an entry in the first free slot of its run; false when none is within MAX_PROBES. */
function place(entry: number, hash: number): boolean {
  const mask = (1 << tableBits) - 1;
  let s = slotOf(hash);
  for (let probes = 1; table[2 * s + 1] !== 0; probes++) {
    if (probes >= MAX_PROBES) return false;
    s = (s + 1) & mask;
  }
  table[2 * s] = hash;
  table[2 * s + 1] = entry;
  return true;
}

function grow(): void {
  const old = table;
  tableBits++;
  table = new Int32Array(2 << tableBits);
  for (let s = 1; s < old.length; s += 2) {
    const e = old[s]!;
    if (e !== 0 && !place(e, old[s - 1]!)) overflow.set(words[e - 1]!.text, words[e - 1]!);
  }
}

export function formsOf(word: string): WordForms {
  return formsAt(word, 0, word.length, wordHash(word));
}
