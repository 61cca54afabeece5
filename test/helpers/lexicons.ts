import { defaultLexiconDir } from '../../src/util/package-root.js';

export const LEXICONS = defaultLexiconDir();
