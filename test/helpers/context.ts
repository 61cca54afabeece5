import { assertSentence, ContextEngine } from '../../src/context/index.js';

let shared: ContextEngine | null = null;

/** The assertion the default context rules give `target` in `sentence`, as `spinex assert` prints it. */
export function sentenceAssertion(sentence: string, target: string): string {
  shared ??= ContextEngine.fromFile();
  const r = assertSentence(shared, sentence, target);
  if ('error' in r) throw new Error(r.error);
  return r.assertion;
}
