/** One problem of one input (or case) as one line of stderr, the form every command prints. */
import type { ResultError } from '../facts/schema.js';

// C0 controls, DEL and the Unicode line separators: a file name or message must not break the line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this exists to escape
const CONTROL_RE = /[\u0000-\u001f\u007f\u2028\u2029]/g;
const escapeControls = (s: string) =>
  s.replace(CONTROL_RE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * One problem as one line, `path: code: message`: line breaks inside a message become spaces, control
 * characters in a file name are escaped, and a message that starts with the path does not repeat it.
 */
export function problemLine(source: string, error: ResultError): string {
  let message = error.message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  // "x.txt: empty: is empty (0 bytes)" rather than "x.txt: empty: x.txt is empty (0 bytes)".
  if (message.startsWith(`${source}: `)) message = message.slice(source.length + 2);
  else if (message.startsWith(`${source} `)) message = message.slice(source.length + 1);
  return `${escapeControls(source)}: ${escapeControls(error.code)}: ${escapeControls(message)}`;
}
