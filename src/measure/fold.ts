/**
 * Case-insensitive patterns run without the `i` flag on lower-cased text. V8 compiles case folding into a
 * unicode pattern at a cost of about as much again as the pattern itself (the number words of the duration
 * pattern alone took ~20 ms), and one short CLI run compiles every pattern once. Lower-casing a sentence or
 * a slice costs far less than a scan.
 *
 * Why the results are the same: lower-casing keeps each character case-equivalent to itself, so an `iu`
 * pattern matches the lower-cased text as it matches the text, at the same offsets when the length is kept.
 * On lower-cased text, a pattern whose letters are lower-case ASCII matches alike with and without `i`: no
 * character of lower-cased text but "ſ" folds to an ASCII letter, and none but U+0345 (a combining mark that
 * folds to the letter "ι") is a letter under `iu` and not without. Text holding either, or whose length
 * lower-casing changes ("İ"), is matched with the `iu` pattern itself. test/measure/folding.test.ts checks
 * these facts on every code point.
 */

/** Characters that the lower-cased text and an `iu` pattern tell apart (see above). */
export const UNFOLDABLE_RE = /\u017f|\u0345/;

/** `s` lower-cased, or null when a pattern without `i` could read it otherwise than `iu` reads `s`. */
export function foldString(s: string): string | null {
  const lower = s.toLowerCase();
  return lower.length === s.length && foldable(lower) ? lower : null;
}

/** Whether lower-cased text holds no character of `UNFOLDABLE_RE` (lower-casing keeps both as they are). */
export function foldable(lower: string): boolean {
  return !lower.includes('\u017f') && !lower.includes('\u0345');
}

/**
 * The source of a case-insensitive pattern with its letters lower-cased, to run without `i` on folded text;
 * null when that could change what it matches: a character beyond ASCII other than `SIGNS`, a letter that is not plain
 * (an escape is kept as written, and so is a group's name), a backreference, or a class range from capitals
 * into other characters.
 */
export function foldSource(source: string): string | null {
  if (UNFOLDABLE_SOURCE_RE.test(source)) return null;
  for (const c of source.match(NON_ASCII_RE) ?? []) if (!SIGNS.includes(c)) return null;
  // [A-Z] folds to [a-z], but [0-Z] would not fold to [0-z]. Escapes stand for one character that is no
  // capital, which errs towards refusing.
  for (const cls of source.match(CLASS_RE) ?? []) {
    if (CROSS_RANGE_RE.test(cls.replace(ESCAPE_RE, '\0'))) return null;
  }
  return source.replace(FOLD_RE, (m) => (m.length === 1 ? m.toLowerCase() : m));
}

// Backreferences (\k<name>, \1) and surrogates (a letter outside the BMP) are not folded.
const UNFOLDABLE_SOURCE_RE = /\\k<|\\[1-9]|[\ud800-\udfff]/;
const NON_ASCII_RE = /[\u0080-\uffff]/g;
/**
 * Signs without case that a folded pattern may hold: no other character matches one of them under `iu`, nor
 * lower-cases to one (test/measure/folding.test.ts). Any other character beyond ASCII leaves a pattern as it is.
 */
export const SIGNS = '×–—−·•°±≤≥’‘“”…';
const ESCAPE_RE = /\\[pP]\{[^}]*\}|\\./g;
const CLASS_RE = /\[(?:\\.|[^\]\\])*\]/g;
const CROSS_RANGE_RE = /[^A-Z]-[A-Z]|[A-Z]-[^A-Z]/;
// What is kept as written (\p{L} and other escapes, a group's name) or else one capital to lower-case.
const FOLD_RE = /\\[pP]\{[^}]*\}|\\.|\(\?<(?![=!])[^>]*>|[A-Z]/g;

/**
 * A case-insensitive pattern (`flags` holds `i`) and its build for folded text, run on whichever fits the
 * string. `exec` may return the match of the lower-cased string: only offsets and lengths are the string's.
 * Both builds are made on first use: V8 parses a unicode pattern when it is built, and a short document meets
 * few of the patterns.
 */
export class Caseless {
  readonly #folded: string | null;
  readonly #wordLed: Caseless | null;
  #re: RegExp | null = null;
  #lower: RegExp | null = null;

  /**
   * `wordLed`: the caller vouches that the pattern opens with a lookbehind which, on text without "_", passes
   * exactly where a word starts (before a letter, or a letter or digit, that every alternative begins with).
   * A second build then puts a word boundary first, which V8 runs in about half the time: it skips to where
   * a word starts instead of trying the lookbehind at every position. `_` is the one word character that is
   * neither a letter nor a digit, so text holding it keeps this build.
   */
  constructor(
    readonly source: string,
    readonly flags: string,
    wordLed = false,
  ) {
    this.#folded = flags.includes('i') ? foldSource(source) : null;
    this.#wordLed = wordLed ? new Caseless(`\\b${source}`, flags) : null;
  }

  /** The build that finds the same on `text` fastest: the word-led one where it applies, else this. */
  fastestFor(text: string): Caseless {
    return this.#wordLed !== null && !text.includes('_') ? this.#wordLed : this;
  }

  get re(): RegExp {
    this.#re ??= new RegExp(this.source, this.flags);
    return this.#re;
  }

  /** The build without `i` for folded text, or null when the source does not fold. */
  get lower(): RegExp | null {
    if (this.#folded === null) return null;
    this.#lower ??= new RegExp(this.#folded, this.flags.replace('i', ''));
    return this.#lower;
  }

  /** The build to run on `s`, and the string to run it on (`s` or `s` lower-cased). */
  pick(s: string): { re: RegExp; on: string } {
    const f = this.#folded === null ? null : foldString(s);
    return f === null ? { re: this.re, on: s } : { re: this.lower!, on: f };
  }

  test(s: string): boolean {
    const { re, on } = this.fastestFor(s).pick(s);
    return re.test(on);
  }

  exec(s: string): RegExpExecArray | null {
    const { re, on } = this.fastestFor(s).pick(s);
    return re.exec(on);
  }
}
