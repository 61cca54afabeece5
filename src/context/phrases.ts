/**
 * Macro expansion of written trigger phrases into the phrases rules are made of, with their match keys.
 * Macros turn ~1,100 written phrases into ~9,000 made of a few hundred distinct words, so expansion is the
 * bulk of loading the rules: a written phrase whose macros stand as whole words is expanded as a product of
 * pre-cut pieces (each macro alternative normalised and cut once), never re-scanning or re-cutting text.
 * Anything else goes through the plain textual expansion, which defines the result.
 */
import { PhraseKeyCache } from './tokens.js';

const MACRO_RE = /\{([a-z_]+)\}/;
const MACRO_ALL_RE = /\{([a-z_]+)\}/g;
const SPACE_RE = /\s/;
const SPACES_RE = /\s+/g;

/** Expand `{name}` macros (cartesian product); an empty alternative drops the slot. */
export function expandPhrase(phrase: string, macros: Record<string, string[]>): string[] {
  const m = MACRO_RE.exec(phrase);
  if (!m) return [phrase.replace(SPACES_RE, ' ').trim()];
  const alts = macros[m[1]!];
  if (!alts) throw new Error(`unknown macro {${m[1]}} in "${phrase}"`);
  const out: string[] = [];
  for (const alt of alts) {
    out.push(...expandPhrase(phrase.slice(0, m.index) + alt + phrase.slice(m.index + m[0].length), macros));
  }
  return out;
}

/** Receives each expanded phrase with its keys; `keys` is reused afterwards, so copy it to keep it. */
export type PhraseVisitor = (phrase: string, keys: readonly string[]) => void;

/** One piece of a phrase: its text (whitespace collapsed, trimmed; may be empty) and its keys. */
interface Piece {
  text: string;
  keys: readonly string[];
}

/**
 * Expands written phrases with one key cache: per macro and key kind, the alternatives are normalised and
 * cut once for every phrase that uses them.
 */
export class PhraseExpander {
  private readonly keysOf = new PhraseKeyCache();
  private readonly alternatives = new Map<string, Piece[]>();

  constructor(private readonly macros: Record<string, string[]>) {}

  /** Every expansion of `written`, in `expandPhrase` order, with the keys `phraseKeys` would give it. */
  expand(written: string, useStem: boolean, visit: PhraseVisitor): void {
    const slots = this.slots(written, useStem);
    if (slots) {
      product(slots, visit);
      return;
    }
    for (const phrase of expandPhrase(written, this.macros)) visit(phrase, this.keysOf.keys(phrase, useStem));
  }

  /**
   * The written phrase as a list of slots, each a list of alternative pieces (a literal part is a slot of
   * one), or null when the product of pieces might differ from textual expansion: a macro that is unknown,
   * touches other characters (its keys could then join a neighbour's) or whose text holds braces (a
   * substitution could form another macro).
   */
  private slots(written: string, useStem: boolean): Piece[][] | null {
    const slots: Piece[][] = [];
    let last = 0;
    MACRO_ALL_RE.lastIndex = 0;
    for (let m = MACRO_ALL_RE.exec(written); m !== null; m = MACRO_ALL_RE.exec(written)) {
      const end = m.index + m[0].length;
      if (m.index > 0 && !SPACE_RE.test(written[m.index - 1]!)) return null;
      if (end < written.length && !SPACE_RE.test(written[end]!)) return null;
      const literal = this.literal(written.slice(last, m.index), useStem);
      const alts = this.alternativesOf(m[1]!, useStem);
      if (!literal || !alts) return null;
      if (literal.text) slots.push([literal]);
      slots.push(alts);
      last = end;
    }
    if (last === 0) return null;
    const tail = this.literal(written.slice(last), useStem);
    if (!tail) return null;
    if (tail.text) slots.push([tail]);
    return slots;
  }

  private literal(text: string, useStem: boolean): Piece | null {
    if (text.includes('{') || text.includes('}')) return null;
    const norm = text.replace(SPACES_RE, ' ').trim();
    return { text: norm, keys: this.keysOf.keys(norm, useStem) };
  }

  private alternativesOf(name: string, useStem: boolean): Piece[] | null {
    const id = `${useStem ? 's' : 'l'}:${name}`;
    let pieces = this.alternatives.get(id);
    if (pieces) return pieces;
    const alts = this.macros[name];
    if (!alts || alts.some((a) => a.includes('{') || a.includes('}'))) return null;
    pieces = alts.map((a) => this.literal(a, useStem)!);
    this.alternatives.set(id, pieces);
    return pieces;
  }
}

/**
 * Visit every combination of one piece per slot, first slot outermost (the order of `expandPhrase`). The text
 * is the non-empty pieces joined by single spaces: what collapsing the whitespace of the substituted phrase
 * gives, since every macro stands between spaces. Its keys are the pieces' keys in order, since the tokeniser
 * never joins two tokens across a space.
 */
function product(slots: readonly Piece[][], visit: PhraseVisitor): void {
  const keys: string[] = [];
  const go = (i: number, text: string) => {
    if (i === slots.length) {
      visit(text, keys);
      return;
    }
    for (const p of slots[i]!) {
      const nk = keys.length;
      for (const k of p.keys) keys.push(k);
      go(i + 1, !p.text ? text : text ? `${text} ${p.text}` : p.text);
      keys.length = nk;
    }
  };
  go(0, '');
}
