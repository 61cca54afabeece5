/**
 * Bytes → normalised text. The normalised text IS the document text: every offset downstream points into it,
 * and `--include-text` emits it, so normalisation only does what keeps offsets honest and never reflows
 * (no hyphen joining, no whitespace collapsing: the tokeniser handles line-break hyphens itself).
 */
import type { ResultError } from '../facts/schema.js';

// Printable ASCII plus \t and \n needs no work: the common case returns the input string untouched.
const NEEDS_WORK = /[^\t\n\x20-\x7e]/;

// One alternation, one pass (the callback decides per character).
const SPECIAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this exists to replace
  /\r\n?|[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00a0\u00ad\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\ufb00-\ufb06]/g;

const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};

function replaceSpecial(ch: string, at: number, all: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x0d) return '\n';
  if (c === 0 || c === 0xfeff || c === 0x200b) return '';
  // A soft hyphen before a line break is the only trace of a hyphenated word in some PDFs: make it visible
  // so the tokeniser can join "degen-\nerative"; elsewhere it is invisible and dropped.
  if (c === 0xad) {
    const next = all.charCodeAt(at + 1);
    return next === 0x0a || next === 0x0d ? '-' : '';
  }
  // Form feed, vertical tab, NEL and the Unicode line/paragraph separators break lines: a space would glue a
  // header to the line before it.
  if (c === 0x0b || c === 0x0c || c === 0x85 || c === 0x2028 || c === 0x2029) return '\n';
  if (c >= 0xfb00 && c <= 0xfb06) return LIGATURES[ch] ?? ch;
  return ' ';
}

/**
 * Normalise decoded text: BOM and NUL removed, CRLF and lone CR → LF, other control characters (except
 * \t and \n) → space, form feed / VT / U+2028/9 → LF, no-break and other Unicode spaces → space, zero-width
 * space removed, Latin ligatures (ﬁ, ﬂ…) expanded, then Unicode NFC.
 */
export function normaliseText(raw: string): string {
  if (!NEEDS_WORK.test(raw)) return raw;
  const replaced = raw.replace(SPECIAL, replaceSpecial);
  return replaced.normalize('NFC');
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Encoding from a byte-order mark, with the BOM's length. */
function bomEncoding(b: Uint8Array): { encoding: TextEncoding; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: English clinical text is nearly all ASCII, so every other byte is NUL. Needs a clear
 * majority so a binary file with many NULs is not mistaken for text.
 */
export function bomlessUtf16(b: Uint8Array, sampleLen = 8192): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, sampleLen) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.7 * pairs && evenZero < 0.02 * pairs) return 'utf-16le';
  if (evenZero > 0.7 * pairs && oddZero < 0.02 * pairs) return 'utf-16be';
  return null;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

// Windows-1252 bytes 0x80–0x9F (the rest is Latin-1). Node 20's TextDecoder('windows-1252') decodes these as
// Latin-1 C1 controls, which would turn curly quotes and dashes into spaces, so the table is applied here.
// The five bytes undefined in cp1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay C1 controls, as in WHATWG.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/**
 * Decode bytes to normalised text: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or ASCII-heavy
 * without), and Windows-1252 when the bytes are not valid UTF-8 (every byte decodes, so nothing is dropped).
 * Errors only for UTF-16 data that could not be fully decoded (odd length, broken surrogates).
 */
export function decodeText(bytes: Uint8Array): {
  text: string;
  errors: ResultError[];
  encoding: TextEncoding;
} {
  const errors: ResultError[] = [];
  const bom = bomEncoding(bytes);
  const utf16 = bom && bom.encoding !== 'utf-8' ? bom.encoding : bom ? null : bomlessUtf16(bytes);
  let raw: string;
  let encoding: TextEncoding;
  if (utf16) {
    encoding = utf16;
    const body = bytes.subarray(bom ? bom.skip : 0);
    raw = new TextDecoder(utf16, { ignoreBOM: true }).decode(body);
    let bad = 0;
    for (let i = raw.indexOf('\ufffd'); i !== -1; i = raw.indexOf('\ufffd', i + 1)) bad++;
    if (bad > 0 || body.length % 2 === 1) {
      errors.push({
        code: 'decode-error',
        message: `${Math.max(bad, 1)} invalid ${utf16.toUpperCase()} sequence(s) were replaced with U+FFFD`,
      });
    }
  } else {
    const body = bom ? bytes.subarray(bom.skip) : bytes;
    try {
      raw = utf8Fatal.decode(body);
      encoding = 'utf-8';
    } catch {
      raw = decodeWindows1252(body);
      encoding = 'windows-1252';
    }
  }
  return { text: normaliseText(raw), errors, encoding };
}
