/**
 * Whether care a case names was received or only ordered at this visit. A mention's own cue decides ("s/p",
 * "failed", "start", "referred"); else the cue of a list it belongs to ("failed 10 weeks of PT, NSAIDs and a
 * Medrol dosepak"); else where it is written: a plan names this visit's orders, unless a failure is about the
 * care ("PLAN: ESI x2 without relief").
 */
import type { CaseFinding } from '../facts/case-schema.js';
import type { Span } from '../facts/schema.js';
import type { CaseReader } from './reading.js';

/**
 * A clinic note's plan section names the care: with no cue, it is what this visit orders. `orderSections`
 * holds section names ("plan") or finer kinds ("assessment_plan": an "A/P:" header, named assessment).
 */
function plannedOnly(
  m: { documentType: string; section: string; source: string; span: Span },
  orderSections: readonly string[],
  read: Pick<CaseReader, 'sectionKind'>,
): boolean {
  if (m.documentType !== 'clinic') return false;
  if (orderSections.includes(m.section)) return true;
  const kind = read.sectionKind(m.source, m.span.start);
  return kind !== null && orderSections.includes(kind);
}

// A failure is about care that follows it when little stands between: "failed PT", "no improvement with PT",
// "no relief from 8 weeks of PT", or a preposition and a few words of the same clause ("no improvement
// despite a 6-week course of PT"), or, after a failure that ends in a preposition ("unresponsive to"), a few
// words of the same clause.
const SHORT_GAP_RE =
  /^\s*(?:(?:with|to|from|of|on|after|despite|following)\s+)?(?:(?:the|a|an|his|her|their|prior|previous|recent)\s+)?(?:[\w-]+\s+(?:days?|weeks?|wks?|months?|mos?|years?)\s+of\s+)?$/i;
const PREPOSITION_GAP_RE = /^\s*(?:with|to|from|of|on|after|despite|following)\s[^,;:.()]{0,40}$/i;
const CLAUSE_GAP_RE = /^[^,;:.()]{0,40}$/;
const ENDS_IN_PREPOSITION_RE = /(?:^|\s)(?:with|to|from|of|on|after|despite|following)$/i;

// Between two items of one list of care: "PT, NSAIDs and a Medrol dosepak".
const LIST_GAP_RE = /^\s*(?:,\s*(?:(?:and|or|&)\s+)?|(?:and|or|&)\s+)(?:(?:a|an|the)\s+)?$/i;
const CONJUNCTION_RE = /(?:^|\s)(?:and|or|&)\s/i;

type MentionAt = { documentType: string; section: string; source: string; span: Span; sentence: Span };

/** The care of one sentence in text order, cut into lists. */
interface SentenceCare {
  spans: Span[];
  /** List number of each span. */
  list: number[];
  /** Lists closed by "and"/"or" ("PT, NSAIDs and ESI"); a run of commas alone ("Continue meloxicam, Medrol
   * dosepak") is not taken for a list, since plans write one order after another that way. */
  joined: Set<number>;
}

const sentenceKey = (source: string, sentenceStart: number) => `${source}\u0000${sentenceStart}`;
const spanKey = (source: string, spanStart: number) => `${source}\u0001${spanStart}`;

function cutIntoLists(spans: Span[], sentence: Span): SentenceCare {
  const list: number[] = [];
  const joined = new Set<number>();
  let current = 0;
  let closed = false;
  for (let i = 0; i < spans.length; i++) {
    if (i > 0) {
      const gap = sentence.text.slice(spans[i - 1]!.end - sentence.start, spans[i]!.start - sentence.start);
      if (closed || !LIST_GAP_RE.test(gap)) {
        current++;
        closed = false;
      } else if (CONJUNCTION_RE.test(`${gap} `)) {
        // "A, B and C": the list ends with the item after its conjunction.
        joined.add(current);
        closed = true;
      }
    }
    list.push(current);
  }
  return { spans, list, joined };
}

/**
 * The care a failure is about: the care right after it when little stands between (see SHORT_GAP_RE), else
 * the nearest care before it ("ESI x2 without relief"), else the nearest after it. In "L5-S1 TFESI given no
 * improvement with PT" the failure is PT's, and the injection is still this visit's order.
 */
function failedIndex(fail: { sentence: Span; span: Span }, spans: readonly Span[]): number {
  let before = -1;
  let after = -1;
  for (let i = 0; i < spans.length; i++) {
    const t = spans[i]!;
    if (t.end <= fail.span.start) before = i;
    if (after < 0 && t.start >= fail.span.end) after = i;
  }
  if (after >= 0) {
    const gap = fail.sentence.text.slice(
      fail.span.end - fail.sentence.start,
      spans[after]!.start - fail.sentence.start,
    );
    const forward =
      SHORT_GAP_RE.test(gap) ||
      PREPOSITION_GAP_RE.test(gap) ||
      (ENDS_IN_PREPOSITION_RE.test(fail.span.text) && CLAUSE_GAP_RE.test(gap));
    if (forward) return after;
  }
  return before >= 0 ? before : after;
}

export class CareReading {
  private readonly sentences = new Map<string, SentenceCare>();
  /** The mentions a failure is about, by source and start. */
  private readonly failed = new Set<string>();

  constructor(
    findings: readonly CaseFinding[],
    failureConcept: string,
    private readonly read: CaseReader,
    private readonly orderSections: readonly string[],
  ) {
    const care = new Map<string, { sentence: Span; spans: Span[] }>();
    const failures: { source: string; sentence: Span; span: Span }[] = [];
    for (const f of findings) {
      for (const m of f.mentions) {
        if (m.assertion !== 'present') continue;
        if (f.concept === failureConcept) failures.push(m);
        else if (f.category === 'treatment') {
          const key = sentenceKey(m.source, m.sentence.start);
          const entry = care.get(key);
          if (entry) entry.spans.push(m.span);
          else care.set(key, { sentence: m.sentence, spans: [m.span] });
        }
      }
    }
    for (const [key, { sentence, spans }] of care) {
      // One entry per place (a phrase may name two concepts), in text order.
      spans.sort((a, b) => a.start - b.start);
      const unique = spans.filter((t, i) => i === 0 || t.start !== spans[i - 1]!.start);
      this.sentences.set(key, cutIntoLists(unique, sentence));
    }
    for (const fail of failures) {
      const sc = this.sentences.get(sentenceKey(fail.source, fail.sentence.start));
      if (!sc) continue;
      const at = failedIndex(fail, sc.spans);
      if (at < 0) continue;
      this.failed.add(spanKey(fail.source, sc.spans[at]!.start));
      // The failure is about the rest of the list it names: "refractory to PT, NSAIDs and ESI".
      if (!sc.joined.has(sc.list[at]!)) continue;
      for (let i = at + 1; i < sc.spans.length && sc.list[i] === sc.list[at]; i++)
        this.failed.add(spanKey(fail.source, sc.spans[i]!.start));
    }
  }

  /** What the mention's own clause, or the list it belongs to, says of it; null when nothing. */
  cue(m: MentionAt): 'tried' | 'ordered' | null {
    const own = this.read.treatmentCue(m.source, m.sentence, m.span.start - m.sentence.start);
    if (own !== null) return own;
    const sc = this.sentences.get(sentenceKey(m.source, m.sentence.start));
    if (!sc) return null;
    const at = sc.spans.findIndex((s) => s.start === m.span.start);
    if (at < 0 || !sc.joined.has(sc.list[at]!)) return null;
    for (let i = at - 1; i >= 0 && sc.list[i] === sc.list[at]; i--) {
      const cue = this.read.treatmentCue(m.source, m.sentence, sc.spans[i]!.start - m.sentence.start);
      if (cue !== null) return cue;
    }
    return null;
  }

  /**
   * Received or ordered: the cue, else ordered where a plan names it. Care the note says failed was
   * received, whatever the verb ("his PCP prescribed meloxicam, which has not helped").
   */
  status(m: MentionAt): 'tried' | 'ordered' {
    if (this.failed.has(spanKey(m.source, m.span.start))) return 'tried';
    const cue = this.cue(m);
    if (cue !== null) return cue;
    return plannedOnly(m, this.orderSections, this.read) ? 'ordered' : 'tried';
  }
}
