/**
 * Which levels belong to which finding in a sentence. Radiologists write levels after the finding
 * ("bulge at L4-5"), right before it ("L4-5 broad-based protrusion"), as a clause opener ("At L4-5, there
 * is ..."), shared by coordinated findings ("bulge and facet arthropathy at L4-5"), carried over to a
 * finding that goes with another ("fracture of T10 with 40% loss of height"), or as a paragraph label
 * ("L4-5: ..."). A level inside a finding's own phrase ("the left L5 nerve root") is kept and the
 * finding also takes its context level, as the contract asks ("the S1 root at L5-S1" gives both).
 *
 * Rules, in order, for each finding without a level of its own:
 *  1. the clause opener's levels; 2. the next finding's levels when only a conjunction and modifiers
 *  stand between them; 3. the previous finding's levels in the same clause, unless the finding says
 *  "multilevel"; 4. the paragraph label. Clauses are cut at ";".
 */
import type { Sentence } from '../facts/document.js';
import type { LevelMention } from './anatomy.js';

export interface LevelTarget {
  start: number;
  end: number;
  /** Imaging findings take levels from their neighbours and the paragraph label; symptoms and care only
   * from their own words ("L5 radiculopathy", "L4-5 laminectomy") and coordinated phrases. */
  imaging: boolean;
  /** The text calls this finding multilevel: it does not borrow a neighbour's single level. */
  multilevel: boolean;
  /** A nerve root's level ("the L5 root") may locate it: not so for disc and bone findings. */
  rootLevels: boolean;
}

const COORDINATION_RE =
  /^(?:[\s,/&-]|and|or|with|plus|also|as well as|associated|bilateral|bilaterally|left|right|mild|moderate|severe|minimal|small|large|tiny|prominent|broad|based|central|anterior|posterior|posterolateral|lateral|ventral|dorsal|marginal|bridging|endplate|uncovertebral|the|a|an|some|disc|disk|of)*$/i;
/** What may stand between the levels of a label that opens a sentence ("C2-3, C3-4: ..."). */
const LABEL_JOIN_RE = /^(?:\s|,|&|\/|and)*$/i;
const COORDINATOR_RE = /,|\/|&|\band\b|\bor\b|\bplus\b|\bas well as\b/i;
const WITH_RE = /\bwith\b/i;
/** What may stand between two levels of one list ("L4-5 and L5-S1", "L2-3 to L5-S1", "C5, C6"). */
const LIST_JOIN_RE = /^(?:\s|,|&|\/|-|and|or|to|through|thru|as well as)*$/i;
const PREPOSITION_END_RE = /\b(?:at|of|in|from|involving|to|through|on)\s*$/i;
/** "a bulge and at L4-5 a protrusion": a preposition after a conjunction opens the next item with its level. */
const NEW_ITEM_RE = /(?:,|\band|\bwhile|\bwhereas)\s+(?:at|in|on)\s*$/i;
// "L5 root", "L5 nerve roots", and each level of a list of roots ("L4 and L5 roots", "L5, S1 roots").
const ROOT_AFTER_RE =
  /^(?:[ ]{0,2}(?:,|and|&|\/)[ ]{0,2}[CTLS]\d{1,2}){0,3}[ ]{0,2}(?:(?:exit|exiting|traversing|descending)[ ]{1,2})?(?:nerve[ ]{1,2})?roots?\b/i;
/**
 * Words that may stand between a level and the finding it opens, however long ("..., mild L2 superior endplate
 * height loss"): where on the vertebra and of what kind.
 */
const OPENING_WORDS_RE =
  /^(?:\s|superior|inferior|anterior|posterior|endplate|end plate|vertebral|body|wedge|compression|mild|moderate|severe|minimal|acute|subacute|chronic|old|new|left|right|central|paracentral|disc|disk)*$/i;
/** A level this close before a finding, with no comma between, modifies it ("L4-5 disc protrusion"). */
const ATTRIBUTIVE_GAP = 30;

export function attachLevels(
  sentence: Sentence,
  targets: LevelTarget[],
  sentenceLevels: LevelMention[],
  paragraphLabel: LevelMention[],
): LevelMention[][] {
  const n = targets.length;
  // No level in the sentence nor its paragraph label: nothing to attach.
  if (sentenceLevels.length === 0 && paragraphLabel.length === 0) return targets.map(() => []);
  const text = sentence.text;
  // Several levels before a colon that opens the sentence label all of it: "C2-3, C3-4: No herniation or
  // stenosis" is about both levels, not one finding each.
  const listed = labelList(text, sentence.start, sentenceLevels);
  const label = listed.length > 1 ? listed : paragraphLabel;
  const levels = listed.length > 1 ? sentenceLevels.slice(listed.length) : sentenceLevels;
  const rel = (o: number) => o - sentence.start;
  const between = (a: number, b: number) => text.slice(rel(a), rel(b));
  const clauseOf = (o: number) => {
    let c = 0;
    for (let k = text.indexOf(';'); k !== -1 && k < rel(o); k = text.indexOf(';', k + 1)) c++;
    return c;
  };
  const clause = targets.map((t) => clauseOf(t.start));
  const own: LevelMention[][] = targets.map(() => []);
  const inside: LevelMention[][] = targets.map(() => []);
  const opener = new Map<number, LevelMention[]>();

  for (const lv of levels) {
    const c = clauseOf(lv.start);
    const within = targets.findIndex((t) => lv.start >= t.start && lv.end <= t.end);
    if (within !== -1) {
      inside[within]!.push(lv);
      continue;
    }
    // "the L5 root" names a nerve root, not where a disc or bone finding lies ("HNP at L4-5 with fibrosis
    // around the L5 root" is at L4-5 only): only findings about roots, symptoms and care take it from
    // outside their own words ("pain in the S1 root distribution").
    const root = ROOT_AFTER_RE.test(text.slice(rel(lv.end), rel(lv.end) + 40));
    // A finding named inside another's phrase ("compression fracture" in "pathologic compression
    // fracture") lies where the phrase does.
    const give = (i: number) => {
      const outer = targets[i]!;
      targets.forEach((t, k) => {
        if (k !== i && !(t.start >= outer.start && t.end <= outer.end)) return;
        // A root's level names the root, as one inside the phrase does ("encroaching the S1 nerve root"):
        // kept, and the finding still takes its place from the context ("at L5-S1").
        if (root && t.rootLevels) inside[k]!.push(lv);
        else if (!root) own[k]!.push(lv);
      });
    };
    let prev = -1;
    let next = -1;
    targets.forEach((t, i) => {
      if (clause[i] !== c) return;
      if (t.end <= lv.start && (prev === -1 || t.end > targets[prev]!.end)) prev = i;
      if (t.start >= lv.end && next === -1) next = i;
    });
    if (prev === -1) {
      if (next === -1) continue;
      const gap = between(lv.end, targets[next]!.start);
      if (!gap.includes(',') && gap.length <= ATTRIBUTIVE_GAP) give(next);
      else if (!root) opener.set(c, [...(opener.get(c) ?? []), lv]);
      continue;
    }
    if (next !== -1) {
      // A level right before the next finding, after a comma or conjunction, modifies that finding
      // ("trauma and a stable T7 compression fracture"); after a preposition it completes the previous one.
      const after = between(lv.end, targets[next]!.start);
      const before = between(targets[prev]!.end, lv.start);
      // "desiccation at L4-5 and L5-S1 with a bulge": a level continuing a list stays with the list.
      // "... from L2-3 to L5-S1 with mild L2 height loss": words other than a joiner after the list end it.
      const listed = levels.filter((o) => o !== lv && o.start >= targets[prev]!.end && o.end <= lv.start);
      const continuesList =
        listed.length > 0 && LIST_JOIN_RE.test(between(listed[listed.length - 1]!.end, lv.start));
      // A level written right against the next finding's name names it ("spondylosis with mild L2 height
      // loss"), unless a preposition ties it to the previous one.
      const against = after.length <= 2 && after.trim() === '';
      const opensNext =
        NEW_ITEM_RE.test(before) ||
        (!continuesList && (COORDINATOR_RE.test(before) || against) && !PREPOSITION_END_RE.test(before));
      if (opensNext && (after.length <= 14 || OPENING_WORDS_RE.test(after)) && !/[,;]/.test(after)) {
        give(next);
        continue;
      }
    }
    give(prev);
  }

  // Context levels for each finding, from its own words or its neighbours.
  const context: LevelMention[][] = own.map((o) => [...o]);
  for (let i = n - 1; i >= 0; i--) {
    if (context[i]!.length) continue;
    const pre = opener.get(clause[i]!);
    if (pre?.length && targets[i]!.imaging) {
      context[i] = pre;
      continue;
    }
    const next = i + 1 < n && clause[i + 1] === clause[i] ? i + 1 : -1;
    if (next === -1 || !context[next]!.length) continue;
    const gap = between(targets[i]!.end, targets[next]!.start);
    // "disc space narrowing with anterior osteophytes at C5-6": an imaging finding "with" another lies where
    // it does, unless it spans several levels ("multilevel spondylosis with stenosis at C4-5"); a symptom
    // does not ("back pain with radiation in the S1 distribution").
    if (
      gap.length <= 40 &&
      (COORDINATOR_RE.test(gap) || (WITH_RE.test(gap) && targets[i]!.imaging && !targets[i]!.multilevel)) &&
      COORDINATION_RE.test(gap)
    )
      context[i] = context[next]!;
  }
  for (let i = 1; i < n; i++) {
    if (context[i]!.length || targets[i]!.multilevel || !targets[i]!.imaging || clause[i - 1] !== clause[i])
      continue;
    if (targets[i - 1]!.end <= targets[i]!.start) context[i] = context[i - 1]!;
  }
  return context.map((c, i) => {
    const ctx = c.length || !targets[i]!.imaging ? c : label;
    return inside[i]!.length ? [...inside[i]!, ...ctx] : ctx;
  });
}

/** The levels of a label list opening the sentence ("C2-3, C3-4:", "L4-5 and L5-S1:"), else none. */
function labelList(text: string, start: number, levels: LevelMention[]): LevelMention[] {
  const colon = text.indexOf(':');
  if (colon < 0 || colon > 60) return [];
  const out: LevelMention[] = [];
  let from = 0;
  for (const lv of levels) {
    const s = lv.start - start;
    if (s >= colon) break;
    if (!LABEL_JOIN_RE.test(text.slice(from, s))) return [];
    out.push(lv);
    from = lv.end - start;
  }
  return out.length && LABEL_JOIN_RE.test(text.slice(from, colon)) ? out : [];
}
