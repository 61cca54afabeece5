/**
 * What the build already worked out about the shipped lexicons, so that a one-report run need not work it
 * out again (about 35 ms of its start-up): which lexicon files passed their zod schema unchanged, by name and
 * content hash, and the trie keys of the lexicon phrases. `npm run build` records both while it builds the
 * extractor once (scripts/lexicon-memo.mjs) and writes them beside this module.
 *
 * Like the stem memo, it can only save time. A file is taken as valid only when its bytes hash to those the
 * build validated for the same role (a lexicon of your own, or an edited one, is validated as always), and the
 * keys of a phrase are a function of its text alone, computed by the same build's tokeniser; a sample of them
 * is recomputed when the memo is first used, so that a memo left by another tokeniser is set aside. It is
 * build output: `npm run build` writes it afresh, after the compiled code it describes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

export const LEXICON_MEMO_FILE = 'lexicon-memo.json';

const LexiconMemo = z.object({
  /** `name:sha1` of each lexicon file whose zod parse is the file's own data. */
  validated: z.array(z.string()),
  /**
   * One line per phrase: its memo key (see phraseMemoKey), its keys and its words, the three parts split by
   * tabs and the keys and words by spaces (tokens hold neither). One string, because zod checks one string in
   * well under a millisecond and 5,000 small arrays in ~30 ms, most of what the memo saves.
   */
  phrases: z.string(),
});
type LexiconMemo = z.infer<typeof LexiconMemo>;

/** Fresh arrays on every lookup: the caller may keep or change them. */
export interface PhraseMemoEntry {
  keys: string[];
  words: string[];
}

export interface Memo {
  validated: Set<string>;
  /** Memo key → its line, cut into keys and words when looked up (a run looks up only its lexicons' phrases). */
  phrases: Map<string, string>;
  /** The phrases were checked against this code's tokeniser (see memoizedPhrase). */
  checked?: boolean;
}

let memo: Memo | null = null;
let recording: { validated: string[]; phrases: Map<string, string> } | null = null;

/** The build's memo from `file`, or an empty one when it is missing or unreadable (run from source). */
export function readLexiconMemo(
  file: URL | string = new URL(`./${LEXICON_MEMO_FILE}`, import.meta.url),
): Memo {
  const empty: Memo = { validated: new Set(), phrases: new Map() };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return empty;
  }
  // Read once per process: zod's JIT would cost more than the parse.
  const parsed = LexiconMemo.safeParse(raw, { jitless: true });
  if (!parsed.success) return empty;
  const phrases = new Map<string, string>();
  for (const line of parsed.data.phrases.split('\n')) {
    const tab = line.indexOf('\t');
    // A line without its three parts is not from this build's recorder: the memo is skipped whole.
    if (tab < 0 || line.indexOf('\t', tab + 1) < 0) return empty;
    phrases.set(line.slice(0, tab), line);
  }
  return { validated: new Set(parsed.data.validated), phrases };
}

/** Use `m` as the build's memo (null: read it again when next needed); for tests and tools. */
export function useLexiconMemo(m: Memo | null): void {
  memo = m;
}

function current(): Memo {
  memo ??= recording ? { validated: new Set(), phrases: new Map() } : readLexiconMemo();
  return memo;
}

const fileKey = (name: string, text: string) => `${name}:${createHash('sha1').update(text).digest('hex')}`;

/**
 * `schema.safeParse(JSON.parse(text))`, skipped (with the same result) for a file the build validated: same
 * name, same bytes. Throws as JSON.parse does on text that is not JSON.
 */
export function parseLexiconFile<T extends z.ZodType>(
  name: string,
  text: string,
  schema: T,
): z.ZodSafeParseResult<z.infer<T>> {
  const raw: unknown = JSON.parse(text);
  const key = fileKey(name, text);
  if (current().validated.has(key)) return { success: true, data: raw as z.infer<T> };
  // A lexicon is parsed once per process: compiling zod's per-shape fast path costs more than it saves.
  const parsed = schema.safeParse(raw, { jitless: true });
  // zod leaves out keys its schema does not know: only a file it returns unchanged may skip it later.
  if (recording && parsed.success && isDeepStrictEqual(parsed.data, raw)) recording.validated.push(key);
  return parsed;
}

/**
 * The memo key of a lexicon phrase: its text, after `=` when it matches case-sensitively; null (not memoized)
 * for a phrase of its own starting with `=`, whose key would read as case-sensitive.
 */
export function phraseMemoKey(phrase: string, caseSensitive: boolean): string | null {
  if (caseSensitive) return `=${phrase}`;
  return phrase.startsWith('=') ? null : phrase;
}

const tokensOf = (part: string): string[] => (part === '' ? [] : part.split(' '));

function entryOf(line: string): PhraseMemoEntry {
  const [, keys, words] = line.split('\t');
  return { keys: tokensOf(keys!), words: tokensOf(words!) };
}

/** Phrases recomputed when a memo is first used: enough to catch a memo left from another tokeniser. */
const SAMPLE = 24;

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether `compute` gives what the memo holds for a spread of its phrases. */
function agrees(m: Memo, compute: (key: string) => PhraseMemoEntry): boolean {
  const step = Math.max(1, Math.floor(m.phrases.size / SAMPLE));
  let i = 0;
  for (const [key, line] of m.phrases) {
    if (i++ % step !== 0) continue;
    const want = entryOf(line);
    const got = compute(key);
    if (!sameList(got.keys, want.keys) || !sameList(got.words, want.words)) return false;
  }
  return true;
}

/**
 * The build's keys and words of a phrase, if it has them. `compute` cuts a phrase by its memo key as this
 * code would: the first lookup in a memo compares a sample of it with `compute`, and one difference (a memo
 * written by another version of the tokeniser, as after a tokeniser edit compiled without `npm run build`)
 * sets all its phrases aside.
 */
export function memoizedPhrase(
  key: string,
  compute: (key: string) => PhraseMemoEntry,
): PhraseMemoEntry | undefined {
  const m = current();
  if (!m.checked) {
    m.checked = true;
    if (!agrees(m, compute)) m.phrases = new Map();
  }
  const line = m.phrases.get(key);
  return line === undefined ? undefined : entryOf(line);
}

const UNSAFE = /[\t\n]/;
const UNSAFE_TOKEN = /[\s]/;

/** Called with each phrase computed while recording (one whose text or tokens hold a separator is left out). */
export function notePhrase(key: string, keys: readonly string[], words: readonly string[]): void {
  if (!recording || UNSAFE.test(key) || keys.some((k) => k === '' || UNSAFE_TOKEN.test(k))) return;
  if (words.some((w) => w === '' || UNSAFE_TOKEN.test(w))) return;
  recording.phrases.set(key, `${key}\t${keys.join(' ')}\t${words.join(' ')}`);
}

/** For the build: compute everything afresh from now on, and collect what `takeRecording` returns. */
export function startRecording(): void {
  recording = { validated: [], phrases: new Map() };
  memo = null;
}

export function takeRecording(): LexiconMemo {
  const out: LexiconMemo = {
    validated: recording?.validated ?? [],
    phrases: [...(recording?.phrases.values() ?? [])].join('\n'),
  };
  recording = null;
  memo = null;
  return out;
}
