/** The colour key of the highlights: one swatch per assertion, plus measurements and cue words. */
import { ASSERTIONS } from '../facts/schema.js';
import { esc } from './escape.js';
import { ASSERTION_TEXT } from './labels.js';

export function legend(): string {
  const items = ASSERTIONS.map(
    (a) => `<li><mark class="hl a-${a}">${esc(a)}</mark> ${esc(ASSERTION_TEXT[a])}</li>`,
  );
  items.push('<li><mark class="hl a-measure">12/18</mark> a measurement</li>');
  items.push('<li><span class="cue">no evidence of</span> the words that decided the assertion</li>');
  return `<ul class="legend" aria-label="Highlight colours">${items.join('')}</ul>`;
}
