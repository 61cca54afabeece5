#!/usr/bin/env node
// Part of `npm run build`: writes dist/src/text/stem-memo.json, the Porter stems of every word the default
// lexicons are built from (see src/text/stems.ts), by building them once and recording what gets stemmed.
import { rmSync, writeFileSync } from 'node:fs';
import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

const out = new URL('../dist/src/text/stem-memo.json', import.meta.url);
// An old memo would stand in for the stemmer and hide the words it holds from the record.
rmSync(out, { force: true });
const seen = new Map();
const stemOf = porter.stem.bind(porter);
porter.stem = (word) => {
  const s = stemOf(word);
  seen.set(word, s);
  return s;
};
// The previous build's lexicon memo would hand over the phrases' keys, and their words would go unstemmed.
const { useLexiconMemo } = await import('../dist/src/util/lexicon-memo.js');
useLexiconMemo({ validated: new Set(), phrases: new Map() });
const { createExtractorSync } = await import('../dist/src/pipeline/index.js');
createExtractorSync();
const pairs = [...seen].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
writeFileSync(out, `${JSON.stringify(pairs)}\n`);
