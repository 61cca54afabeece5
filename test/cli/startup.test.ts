/**
 * Start-up: `spinex --help` loads commander alone. main.ts imports each command's module inside its action
 * and lists `case`, `batch` and `review` from lines of its own; these tests hold those lines to the real
 * definitions and main.ts to its light imports.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/util/package-root.js';
import { builtCli } from '../helpers/cli.js';

const root = packageRoot();
const cli = builtCli;
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('command line start-up', { timeout: 30_000 }, () => {
  it('lists every command in the top-level help as its own help describes it', () => {
    const top = run(['--help']);
    expect(top.status).toBe(0);
    // (schema has no option of its own: its usage says "[options]" for --help, its listing line does not)
    for (const name of ['extract', 'assert', 'case', 'batch', 'review']) {
      const own = run([name, '--help']);
      expect(own.status).toBe(0);
      // "Usage: spinex case [options] <paths...>", a blank line, then the description paragraph.
      const [usage, description] = own.stdout.split(/\n\s*\n/);
      const term = usage!.replace(/^Usage: spinex /, '').trim();
      expect(flat(top.stdout)).toContain(`${term} ${flat(description!)}`);
    }
  });

  it('lists every command that the command modules register', () => {
    const script = [
      "import { Command } from 'commander';",
      "import { registerCaseCommands } from './dist/src/cli/case.js';",
      "import { registerReviewCommand } from './dist/src/cli/review.js';",
      'const p = new Command();',
      'registerCaseCommands(p);',
      'registerReviewCommand(p);',
      'console.log(JSON.stringify(p.commands.map((c) => c.name())));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    const names: string[] = JSON.parse(r.stdout);
    expect(names).toEqual(expect.arrayContaining(['case', 'batch', 'review']));
    const listed = [...run(['--help']).stdout.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]);
    expect(listed).toEqual(expect.arrayContaining(names));
  });

  it('imports nothing but commander and small helpers before a command runs', () => {
    const source = readFileSync(join(root, 'src', 'cli', 'main.ts'), 'utf8');
    const valueImports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gm)].map((m) => m[1]);
    expect(valueImports.sort()).toEqual(['../util/version.js', './exit-codes.js', 'commander']);
  });

  it('still runs a deferred command named anywhere on the line', () => {
    const r = run(['help', 'batch']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--group-by <how>/);
  });
});
