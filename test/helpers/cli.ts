import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';

/** The built command line that `spinex` runs (package.json's bin: the bundle `npm run build` writes). */
export const builtCli: string = join(
  packageRoot(),
  (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { bin: { spinex: string } }).bin
    .spinex,
);
