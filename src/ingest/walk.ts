/**
 * Expand command-line paths into an ordered list of inputs. Folders are walked recursively in a stable,
 * locale-independent order (UTF-16 code unit order of names); hidden names are skipped; symbolic links are
 * followed, with a directory's real path entered once per walk so link loops end.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ResultError } from '../facts/schema.js';
import { compileGlobs, type GlobMatcher } from './glob.js';
import { type IngestOptions, type Input, STDIN_SOURCE } from './options.js';

/** Extensions taken from folders (lower case; '' = no extension). Named files are read whatever theirs. */
export const FOLDER_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.text', '.md', '.pdf', '']);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Map a Node fs error to an error record about `source`. */
export function fsError(err: unknown, source: string): ResultError {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { code: 'not-found', message: `${source}: no such file or folder` };
    case 'EACCES':
    case 'EPERM':
      return { code: 'unreadable', message: `${source}: permission denied` };
    case 'EISDIR':
      return { code: 'is-directory', message: `${source}: is a folder` };
    case 'ELOOP':
      return { code: 'unreadable', message: `${source}: too many levels of symbolic links` };
    default:
      return { code: 'unreadable', message: `${source}: ${(err as Error)?.message ?? String(err)}` };
  }
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Walk {
  root: string;
  sep: string;
  include: GlobMatcher | null;
  exclude: GlobMatcher | null;
  /** Real paths of folders already entered in this walk. */
  seen: Set<string>;
  /** Where the output file is (its folder's real path joined with its name), or null: never listed. */
  output: string | null;
}

/** Keep the separator style the user typed ("data\\notes" on Windows stays backslashed). */
function separatorFor(given: string): string {
  return process.platform === 'win32' && given.includes('\\') && !given.includes('/') ? '\\' : '/';
}

function joinSource(root: string, sep: string, rel: string): string {
  const relOut = sep === '/' ? rel : rel.replaceAll('/', sep);
  return root.endsWith('/') || root.endsWith('\\') ? root + relOut : root + sep + relOut;
}

async function* walkFolder(w: Walk, dir: string, rel: string): AsyncGenerator<Input> {
  let real: string;
  let entries: Dirent[];
  try {
    real = await realpath(dir);
    if (w.seen.has(real)) return;
    w.seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { source: dir, path: dir, error: fsError(err, dir) };
    return;
  }
  entries.sort((a, b) => byCodeUnits(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const childPath = joinSource(w.root, w.sep, childRel);
    if (w.exclude?.test(childRel)) continue;
    if (w.output !== null && join(real, entry.name) === w.output) continue;
    // A link to the output file, from anywhere in the folder.
    if (w.output !== null && entry.isSymbolicLink() && (await isOutput(childPath, w.output))) continue;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      let target: Stats;
      try {
        target = await stat(childPath);
      } catch (err) {
        // A dangling link only matters if it would have been read.
        if (FOLDER_EXTENSIONS.has(extensionOf(entry.name)) && (!w.include || w.include.test(childRel))) {
          const e = fsError(err, childPath);
          yield {
            source: childPath,
            path: childPath,
            error: e.code === 'not-found' ? { ...e, message: `${childPath}: broken symbolic link` } : e,
          };
        }
        continue;
      }
      isDir = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDir) {
      yield* walkFolder(w, childPath, childRel);
    } else if (isFile && FOLDER_EXTENSIONS.has(extensionOf(entry.name))) {
      if (w.include && !w.include.test(childRel)) continue;
      yield { source: childPath, path: childPath };
    }
    // Sockets, FIFOs and devices inside folders are not documents.
  }
}

/**
 * The output file's place, spelled as the walk spells files: its real path when it exists (so a symbolic link
 * as `-o` names the file it points to), else the real path of its folder joined with its name (so "./notes",
 * "lk/.." or a linked folder still match). Null when results go to stdout or the folder does not exist (then
 * nothing in a walk can be the output).
 */
export async function outputPlace(output: string | undefined): Promise<string | null> {
  if (output === undefined || output === '-') return null;
  try {
    return await realpath(output);
  } catch {
    // Not there yet: its folder is.
  }
  try {
    return join(await realpath(dirname(output)), basename(output));
  } catch {
    return null;
  }
}

/** Whether `path` (a file named or found) is the output file at `place`. */
async function isOutput(path: string, place: string | null): Promise<boolean> {
  if (place === null) return false;
  return (await outputPlace(path)) === place;
}

/**
 * The first of `paths` named on the command line that is the output file itself, or null. Commands refuse
 * such a run before they open the output: opening it would destroy the input.
 */
export async function namedOutput(
  paths: readonly string[],
  output: string | undefined,
): Promise<string | null> {
  const place = await outputPlace(output);
  if (place === null) return null;
  for (const p of paths) if (p !== '-' && (await isOutput(p, place))) return p;
  return null;
}

/** Expand paths (files, folders, '-') into the ordered list of inputs, with error records for missing paths. */
export async function* listInputs(paths: string[], opts: IngestOptions = {}): AsyncGenerator<Input> {
  const include = opts.include?.length ? compileGlobs(opts.include) : null;
  const exclude = opts.exclude?.length ? compileGlobs(opts.exclude) : null;
  const output = await outputPlace(opts.output);
  for (const given of paths) {
    if (given === '-') {
      yield { source: STDIN_SOURCE, path: null };
      continue;
    }
    let info: Stats;
    try {
      info = await stat(given);
    } catch (err) {
      yield { source: given, path: given, error: fsError(err, given) };
      continue;
    }
    if (info.isDirectory()) {
      const walk: Walk = { root: given, sep: separatorFor(given), include, exclude, seen: new Set(), output };
      yield* walkFolder(walk, given, '');
    } else if (await isOutput(given, output)) {
      const message = `${given}: is the output file (-o), so it is not read`;
      yield { source: given, path: given, error: { code: 'is-output', message } };
    } else {
      // Named explicitly: read whatever it is (FIFOs from process substitution included); bytes decide.
      yield { source: given, path: given };
    }
  }
}
