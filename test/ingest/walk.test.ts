import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileGlobs, globToRegExp } from '../../src/ingest/glob.js';
import { listInputs, namedOutput, readInput } from '../../src/ingest/index.js';
import type { Input } from '../../src/ingest/options.js';
import { fsError } from '../../src/ingest/walk.js';
import { codes, collect, makeTempDir } from './helpers.js';

const NOTE = 'ASSESSMENT: Lumbar spondylosis without radiculopathy.\n';

async function list(paths: string[], opts = {}): Promise<Input[]> {
  const out: Input[] = [];
  for await (const input of listInputs(paths, opts)) out.push(input);
  return out;
}

describe('globToRegExp / compileGlobs', () => {
  it('converts *, ** and ? and escapes everything else', () => {
    expect(globToRegExp('*.txt').test('mri.txt')).toBe(true);
    expect(globToRegExp('*.txt').test('a/mri.txt')).toBe(false);
    expect(globToRegExp('**/*.txt').test('mri.txt')).toBe(true);
    expect(globToRegExp('**/*.txt').test('2024/03/mri.txt')).toBe(true);
    expect(globToRegExp('2024/**').test('2024/03/mri.txt')).toBe(true);
    expect(globToRegExp('note-?.md').test('note-1.md')).toBe(true);
    expect(globToRegExp('note-?.md').test('note-12.md')).toBe(false);
    expect(globToRegExp('a+b(1).txt').test('a+b(1).txt')).toBe(true);
    expect(globToRegExp('a.txt').test('abtxt')).toBe(false);
  });

  it('matches name-only globs against the file name and path globs against the relative path', () => {
    const m = compileGlobs(['*draft*', 'archive/*.txt']);
    expect(m.test('2024/mri-draft.txt')).toBe(true);
    expect(m.test('archive/old.txt')).toBe(true);
    expect(m.test('2024/archive/old.txt')).toBe(false);
    expect(m.test('2024/mri.txt')).toBe(false);
  });
});

describe('listInputs and folder reading', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
  });
  afterEach(() => cleanup());

  async function tree(files: Record<string, string | Uint8Array>): Promise<void> {
    for (const [rel, content] of Object.entries(files)) {
      await mkdir(join(dir, rel, '..'), { recursive: true });
      await writeFile(join(dir, rel), content);
    }
  }

  it('walks folders recursively in code-unit order, skipping hidden names and other extensions', async () => {
    await tree({
      'b.txt': NOTE,
      'B.md': NOTE,
      'a/z.txt': NOTE,
      'a/README': NOTE,
      'a.pdf.bak': NOTE,
      'scan.png': NOTE,
      'upper.TXT': NOTE,
      '.hidden.txt': NOTE,
      '.git/config.txt': NOTE,
      'notes.text': NOTE,
    });
    const sources = (await list([dir])).map((i) => i.source.slice(dir.length));
    expect(sources).toEqual(['/B.md', '/a/README', '/a/z.txt', '/b.txt', '/notes.text', '/upper.TXT']);
  });

  it('keeps the path as given (trailing slash, relative form) when joining', async () => {
    await tree({ 'r.txt': NOTE });
    expect((await list([`${dir}/`])).map((i) => i.source)).toEqual([`${dir}/r.txt`]);
    expect((await list([`${dir}/./`])).map((i) => i.source)).toEqual([`${dir}/./r.txt`]);
  });

  it('reads explicitly named files whatever their extension or hidden name', async () => {
    await tree({ '.draft': NOTE, 'note.log': NOTE });
    const docs = await collect([join(dir, 'note.log'), join(dir, '.draft')]);
    expect(docs.map((d) => [d.text, d.errors])).toEqual([
      [NOTE, []],
      [NOTE, []],
    ]);
  });

  it('yields one error record per missing path and carries on', async () => {
    await tree({ 'ok.txt': NOTE });
    const docs = await collect([join(dir, 'missing.txt'), join(dir, 'ok.txt'), join(dir, 'gone')]);
    expect(docs.map(codes)).toEqual([['not-found'], [], ['not-found']]);
    expect(docs[0]!.errors[0]!.message).toContain('missing.txt');
    expect(docs[1]!.text).toBe(NOTE);
  });

  it('applies include and exclude globs to files found in folders', async () => {
    await tree({
      '2023/mri.txt': NOTE,
      '2024/mri.txt': NOTE,
      '2024/mri-draft.txt': NOTE,
      '2024/clinic.md': NOTE,
      'drafts/x.txt': NOTE,
    });
    const rel = async (opts: object) => (await list([dir], opts)).map((i) => i.source.slice(dir.length + 1));
    expect(await rel({ include: ['2024/**'] })).toEqual([
      '2024/clinic.md',
      '2024/mri-draft.txt',
      '2024/mri.txt',
    ]);
    expect(await rel({ include: ['mri*.txt'], exclude: ['*draft*'] })).toEqual([
      '2023/mri.txt',
      '2024/mri.txt',
    ]);
    // A folder matching an exclude is not entered.
    expect(await rel({ exclude: ['drafts', '2023'] })).toEqual([
      '2024/clinic.md',
      '2024/mri-draft.txt',
      '2024/mri.txt',
    ]);
    // Include narrows the extension filter rather than widening it.
    await tree({ 'scan.png': 'x' });
    expect(await rel({ include: ['*.png'] })).toEqual([]);
  });

  it('follows symlinks but stops at a symlink loop', async () => {
    await tree({ 'sub/r.txt': NOTE });
    await symlink('..', join(dir, 'sub', 'up'));
    await symlink(join(dir, 'sub', 'r.txt'), join(dir, 'link.txt'));
    await symlink(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    const inputs = await list([dir]);
    expect(inputs.map((i) => [i.source.slice(dir.length + 1), i.error?.code])).toEqual([
      ['dangling.txt', 'not-found'],
      ['link.txt', undefined],
      ['sub/r.txt', undefined],
    ]);
  });

  it('reports an unreadable file and keeps going', async (ctx) => {
    if (process.getuid?.() === 0) {
      ctx.skip(); // root reads files whatever their mode, so chmod 000 cannot make one unreadable here
      return;
    }
    await tree({ 'locked.txt': NOTE, 'open.txt': NOTE });
    await chmod(join(dir, 'locked.txt'), 0o000);
    const docs = await collect([dir]);
    expect(docs.map(codes)).toEqual([['unreadable'], []]);
  });

  it('maps permission and link errors to stable codes (exercised even where tests run as root)', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(fsError(err('EACCES'), 'x.txt')).toEqual({
      code: 'unreadable',
      message: 'x.txt: permission denied',
    });
    expect(fsError(err('EPERM'), 'x.txt').code).toBe('unreadable');
    expect(fsError(err('ELOOP'), 'x.txt').code).toBe('unreadable');
    expect(fsError(err('ENOENT'), 'x.txt').code).toBe('not-found');
    expect(fsError(err('EISDIR'), 'x').code).toBe('is-directory');
  });

  it('never lists the output file: skipped inside folders, however the folder is spelled', async () => {
    await tree({ 'notes/a.txt': NOTE, 'notes/summary.txt': 'spinex: 1 case(s)\n', 'notes/z.txt': NOTE });
    await symlink(join(dir, 'notes'), join(dir, 'linked'));
    const sources = async (paths: string[], output: string) =>
      (await list(paths, { output })).map((i) => i.source.slice(dir.length + 1));
    expect(await sources([join(dir, 'notes')], join(dir, 'notes', 'summary.txt'))).toEqual([
      'notes/a.txt',
      'notes/z.txt',
    ]);
    // The folder read through a link, the output named through its real folder: the same file.
    expect(await sources([join(dir, 'linked')], join(dir, 'notes', 'summary.txt'))).toEqual([
      'linked/a.txt',
      'linked/z.txt',
    ]);
    // An output that does not exist yet, or another file of the same name elsewhere, changes nothing.
    expect(await sources([join(dir, 'notes')], join(dir, 'summary.txt'))).toHaveLength(3);
  });

  it('knows the output through a symbolic link to it or a path through a linked folder', async () => {
    await tree({
      'notes/a.txt': NOTE,
      'notes/run1.txt': 'earlier results',
      'deep/out.txt': 'earlier results',
    });
    await symlink(join(dir, 'notes', 'run1.txt'), join(dir, 'notes', 'latest.txt'));
    await symlink(join(dir, 'deep'), join(dir, 'lk'));
    await symlink(join(dir, 'deep', 'out.txt'), join(dir, 'notes', 'to-out.txt'));
    const sources = async (output: string) =>
      (await list([join(dir, 'notes')], { output })).map((i) => i.source.slice(dir.length + 1));
    // -o names a link: the file it points to is the output, under either name.
    expect(await sources(join(dir, 'notes', 'latest.txt'))).toEqual(['notes/a.txt', 'notes/to-out.txt']);
    // -o goes through a linked folder and back up: the real folder's out.txt, reached here by a link.
    expect(await sources(join(dir, 'lk', '..', 'deep', 'out.txt'))).toEqual([
      'notes/a.txt',
      'notes/latest.txt',
      'notes/run1.txt',
    ]);
    expect(await namedOutput([join(dir, 'notes', 'to-out.txt')], join(dir, 'deep', 'out.txt'))).toBe(
      join(dir, 'notes', 'to-out.txt'),
    );
    expect(await namedOutput([join(dir, 'notes')], join(dir, 'notes', 'a.txt'))).toBeNull();
  });

  it('gives the output file named as an input an is-output record instead of reading it', async () => {
    await tree({ 'a.txt': NOTE, 'out.txt': 'earlier results' });
    const docs = await collect([join(dir, 'a.txt'), join(dir, 'out.txt')], { output: join(dir, 'out.txt') });
    expect(docs.map(codes)).toEqual([[], ['is-output']]);
    expect(docs[1]!.errors[0]!.message).toContain('is the output file');
  });

  it('gives is-directory when readInput is handed a folder directly', async () => {
    const doc = await readInput({ source: dir, path: dir });
    expect(codes(doc)).toEqual(['is-directory']);
  });
});
