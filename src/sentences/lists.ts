/**
 * Lists under a lead line: "Patient denies:" or "Return to the ED if you develop:" followed by the items it
 * speaks of, one per line. Which sentences are the items is a matter of layout, decided here; what the lead
 * says of them is the context stage's (ContextEngine.listLead).
 */
import type { Sentence } from '../facts/document.js';

// "- fever", "* fever", "• fever", "1. fever", "2) fever", "a) fever", "[ ] fever", "[x] fever".
const LIST_MARKER_RE = /^(?:[-*•·▪◦‣–]|\d{1,2}[.)]|[a-z]\)|\[[ xX✓]?\])\s/;

/** A sentence that starts with a list marker at the start of its line. */
export function isListItem(text: string, sentence: Sentence): boolean {
  return LIST_MARKER_RE.test(sentence.text) && startsLine(text, sentence.start);
}

function startsLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

/** `next` starts on the line right below the one `prev` ends on: one line break and no blank line between. */
function onNextLine(text: string, prev: Sentence, next: Sentence): boolean {
  let breaks = 0;
  for (let i = prev.end; i < next.start; i++) {
    const c = text[i];
    if (c === '\n') breaks++;
    else if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return breaks === 1;
}

const ENDS_SENTENCE_RE = /[.!?]$/;

/**
 * Follows a document's sentences in order and tells which belong to the list under the last lead line, each
 * on the line right below the one before: a list-marked line; the line right below the lead; an unmarked
 * line below an item when neither ends with a full stop ("Denies:\nfever, chills\nsaddle numbness"), for a
 * line that does is prose again ("Reports leg weakness."). A blank line, another section or a new lead ends
 * the list.
 */
export function createListTracker<L>(text: string) {
  let lead: { value: L; section: number; line: Sentence } | null = null;
  let prev: Sentence | null = null;
  return {
    /** The lead `sentence` is an item of, if any; call once per sentence, in order. */
    itemOf(sentence: Sentence): L | null {
      if (lead === null || prev === null || sentence.section !== lead.section) {
        lead = null;
        return null;
      }
      // A blank line ends the list: what follows it is another block, marked or not.
      const adjacent = onNextLine(text, prev, sentence);
      const marked = adjacent && isListItem(text, sentence);
      const below =
        adjacent &&
        (prev === lead.line || !(ENDS_SENTENCE_RE.test(prev.text) || ENDS_SENTENCE_RE.test(sentence.text)));
      if (!marked && !below) {
        lead = null;
        return null;
      }
      prev = sentence;
      return lead.value;
    },
    /** After `itemOf`: `sentence` opens a list whose items take `value` (null: it opens none). */
    opens(sentence: Sentence, value: L | null): void {
      if (value === null) return;
      lead = { value, section: sentence.section, line: sentence };
      prev = sentence;
    },
  };
}
