/**
 * Minimal globs for --include/--exclude: `*` (within a path segment), `**` (any number of segments), `?`
 * (one character). Everything else is literal. Paths use "/" whatever the platform.
 */

const SPECIALS = /[\\^$.+(){}[\]|]/;

// Compile a glob to an anchored RegExp. Only `[^/]*`, `.*` and `(?:.*/)?` quantifiers are emitted, and names
// and paths are short, so matching stays cheap.
export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/\\/g, '/');
  let out = '^';
  let i = 0;
  while (i < g.length) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atSegmentStart = i === 0 || g[i - 1] === '/';
        let j = i;
        while (g[j] === '*') j++;
        if (atSegmentStart && g[j] === '/') {
          out += '(?:.*/)?';
          i = j + 1;
        } else {
          out += '.*';
          i = j;
        }
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += SPECIALS.test(c) ? `\\${c}` : c;
    }
    i++;
  }
  return new RegExp(out + '$');
}

export interface GlobMatcher {
  /** True when `relPath` ("/"-separated, relative to the folder walked) matches one of the globs. */
  test(relPath: string): boolean;
}

/** Globs with "/" match the whole relative path; globs without match the last segment (the name). */
export function compileGlobs(globs: readonly string[]): GlobMatcher {
  const byPath: RegExp[] = [];
  const byName: RegExp[] = [];
  for (const glob of globs) {
    const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
    (g.includes('/') ? byPath : byName).push(globToRegExp(g));
  }
  return {
    test(relPath: string): boolean {
      const name = relPath.slice(relPath.lastIndexOf('/') + 1);
      return byName.some((re) => re.test(name)) || byPath.some((re) => re.test(relPath));
    },
  };
}
