/**
 * Which levels belong to which finding in a sentence. Radiologists write levels after the finding
 * ("bulge at L4-5"), before it ("L4-5 broad-based protrusion", "At L4-5, there is ..."), shared by
 * coordinated findings ("bulge and facet arthropathy at L4-5"), or as a paragraph label ("L4-5: ...").
 * Rules, in order:
 *  1. a level inside a finding's span belongs to it ("compressing the left L5 nerve root");
 *  2. a level after a finding belongs to it, unless a comma separates them and the level directly
 *     precedes the next finding ("bulge at L3-4, L4-5 protrusion");
 *  3. levels before the first finding of a clause are the clause's prefix;
 *  4. a finding with no level of its own shares the levels of the next finding when only
 *     conjunctions or modifiers stand between them, else takes the clause prefix, else the paragraph label.
 * Clauses are cut at ";".
 */
import type { Sentence } from '../facts/document.js';
import type { LevelMention } from './anatomy.js';

interface Range {
  start: number;
  end: number;
}

const COORDINATION_RE =
  /^(?:[\s,/&]|and|or|with|plus|also|as well as|associated|bilateral|bilaterally|left|right|mild|moderate|severe|minimal|small|large|broad|based|central|the|a|an|some|disc|disk|of|-)*$/i;

export function attachLevels(
  sentence: Sentence,
  spans: Range[],
  levels: LevelMention[],
  label: LevelMention | null,
): LevelMention[][] {
  const own: LevelMention[][] = spans.map(() => []);
  const text = sentence.text;
  const rel = (o: number) => o - sentence.start;
  const clauseOf = (o: number) => {
    let c = 0;
    for (let k = text.indexOf(';'); k !== -1 && k < rel(o); k = text.indexOf(';', k + 1)) c++;
    return c;
  };
  const spanClause = spans.map((s) => clauseOf(s.start));
  const prefix = new Map<number, LevelMention[]>();

  for (const lv of levels) {
    const clause = clauseOf(lv.start);
    const inside = spans.findIndex((s) => lv.start >= s.start && lv.end <= s.end);
    if (inside !== -1) {
      own[inside]!.push(lv);
      // A level inside a gap phrase still names the finding that follows it directly (prefix use).
    }
    let prev = -1;
    let next = -1;
    spans.forEach((s, i) => {
      if (spanClause[i] !== clause || i === inside) return;
      if (s.end <= lv.start && (prev === -1 || s.end > spans[prev]!.end)) prev = i;
      if (s.start >= lv.end && next === -1) next = i;
    });
    if (inside !== -1) continue;
    if (prev === -1) {
      if (next !== -1) {
        const list = prefix.get(clause) ?? [];
        list.push(lv);
        prefix.set(clause, list);
      }
      continue;
    }
    if (next !== -1) {
      const before = text.slice(rel(spans[prev]!.end), rel(lv.start));
      const after = text.slice(rel(lv.end), rel(spans[next]!.start));
      if (before.includes(',') && after.length <= 14 && !/[,;]/.test(after)) {
        own[next]!.push(lv);
        continue;
      }
    }
    own[prev]!.push(lv);
  }

  const result: LevelMention[][] = spans.map(() => []);
  for (let i = spans.length - 1; i >= 0; i--) {
    if (own[i]!.length) {
      result[i] = own[i]!;
      continue;
    }
    const next = i + 1 < spans.length && spanClause[i + 1] === spanClause[i] ? i + 1 : -1;
    const gapText = next === -1 ? '' : text.slice(rel(spans[i]!.end), rel(spans[next]!.start));
    if (next !== -1 && result[next]!.length && gapText.length <= 40 && COORDINATION_RE.test(gapText)) {
      result[i] = result[next]!;
      continue;
    }
    const pre = prefix.get(spanClause[i]!);
    if (pre?.length) result[i] = pre;
    else if (label) result[i] = [label];
  }
  return result;
}
