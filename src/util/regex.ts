/** Building regular expressions from lexicon phrases, so a phrase is always read as the words it is. */

/** `s` with every character that means something in a pattern escaped. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Alternation source of phrases, longest first, with any run of spaces matching `\s+`. */
export function alternation(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegExp(w).replace(/ +/g, '\\s+'))
    .join('|');
}
