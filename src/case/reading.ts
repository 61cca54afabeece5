/**
 * One case's reading of its documents' sentences. The course, treatment, MRI and failure checks ask
 * about the same sentences again and again (every mention in a sentence asks once), so each sentence is
 * tokenised once and each answer about it is kept for the rest of the case. When the caller hands over
 * a document's tokens, a sentence is read as a range of them and not tokenised again at all.
 */
import type { Span } from '../facts/schema.js';
import { type Token, tokenize } from '../text/tokenize.js';
import { firstStartingAtOrAfter, lastStartingAtOrBefore } from '../util/spans.js';
import {
  type CaseLanguage,
  type CourseSignal,
  ownTokens,
  type SentenceWords,
  type TokenRange,
} from './language.js';
import type { CaseDocument } from './merge.js';

interface SentenceReading {
  end: number;
  text: string;
  range: TokenRange;
  words?: SentenceWords;
  /** Treatment status by the treatment's offset: the case facts and the treatment list both ask it. */
  status?: Map<number, 'tried' | 'ordered' | null>;
  aboutOtherJoint?: boolean;
}

interface DocReading {
  text: string | undefined;
  /** The document's sections (finer kinds and offsets), in text order; empty when unknown. */
  sections: readonly { kind: string; start: number; end: number }[];
  tokens: readonly Token[] | undefined;
  /** By start offset; more than one when sentences of different splits start at the same place. */
  sentences: Map<number, SentenceReading[]>;
  /** Where the last sentence read as a range of `tokens` began in it: where the next one is looked for. */
  near: number;
}

/**
 * The tokens of text [start, end) as a range of the whole text's tokens, or null when a token crosses
 * either end (a word joined over a line-end hyphen, a number cut by the span): then the range would not
 * be what the span's text tokenises to on its own.
 */
export function tokenRange(
  tokens: readonly Token[],
  start: number,
  end: number,
  hint = -1,
): TokenRange | null {
  const from = firstStartingAtOrAfter(tokens, start, hint);
  if (from > 0 && tokens[from - 1]!.end > start) return null;
  const to = firstStartingAtOrAfter(tokens, end, from);
  if (to > from && tokens[to - 1]!.end > end) return null;
  return { tokens, from, to, base: start };
}

/** The questions the case stage asks of sentences, answered once per sentence of a case. */
export class CaseReader {
  private readonly docs = new Map<string, DocReading>();

  constructor(
    readonly lang: CaseLanguage,
    docs: readonly CaseDocument[] = [],
  ) {
    for (const d of docs) {
      if (this.docs.has(d.result.source)) continue;
      this.docs.set(d.result.source, {
        text: d.text,
        tokens: d.tokens,
        sections: d.result.sections,
        sentences: new Map(),
        near: 0,
      });
    }
  }

  private doc(source: string): DocReading {
    let doc = this.docs.get(source);
    if (!doc) {
      doc = { text: undefined, tokens: undefined, sections: [], sentences: new Map(), near: 0 };
      this.docs.set(source, doc);
    }
    return doc;
  }

  private sentence(source: string, span: Span): SentenceReading {
    const doc = this.doc(source);
    let list = doc.sentences.get(span.start);
    if (list) {
      for (const s of list) if (s.end === span.end && s.text === span.text) return s;
    } else {
      list = [];
      doc.sentences.set(span.start, list);
    }
    const s: SentenceReading = { end: span.end, text: span.text, range: this.tokensOf(doc, span) };
    list.push(s);
    return s;
  }

  private tokensOf(doc: DocReading, span: Span): TokenRange {
    if (doc.tokens && doc.text?.slice(span.start, span.end) === span.text) {
      const r = tokenRange(doc.tokens, span.start, span.end, doc.near);
      if (r) {
        doc.near = r.from;
        return r;
      }
    }
    return ownTokens(span.text);
  }

  /** The finer kind of the section holding `offset` of a document ("assessment_plan"), or null. */
  sectionKind(source: string, offset: number): string | null {
    const { sections } = this.doc(source);
    const s = sections[lastStartingAtOrBefore(sections, offset)];
    return s && s.start <= offset && offset < s.end ? s.kind : null;
  }

  /** `course`, `globalFailure` and `mentionsMri` of a sentence at once. */
  words(source: string, span: Span): SentenceWords {
    const s = this.sentence(source, span);
    s.words ??= this.lang.words(s.range);
    return s.words;
  }

  course(source: string, span: Span): readonly CourseSignal[] {
    return this.words(source, span).course;
  }

  globalFailure(source: string, span: Span): boolean {
    return this.words(source, span).globalFailure;
  }

  mentionsMri(source: string, span: Span): boolean {
    return this.words(source, span).mentionsMri;
  }

  /** The sentence names a joint or limb that is not the spine, and not the spine itself ("XR L knee: ..."). */
  aboutOtherJoint(source: string, span: Span): boolean {
    const s = this.sentence(source, span);
    s.aboutOtherJoint ??= this.lang.namesOtherJoint(s.range) && !this.lang.mentionsSpine(s.range);
    return s.aboutOtherJoint;
  }

  /** Whether a treatment was received or ordered; with no cue in its clause, ongoing care counts as received. */
  treatmentStatus(source: string, span: Span, offset: number): 'tried' | 'ordered' {
    return this.treatmentCue(source, span, offset) ?? 'tried';
  }

  /** What the treatment's clause says of it, or null when it says nothing. */
  treatmentCue(source: string, span: Span, offset: number): 'tried' | 'ordered' | null {
    const s = this.sentence(source, span);
    s.status ??= new Map();
    let status = s.status.get(offset);
    if (status === undefined) {
      status = this.lang.treatmentStatus(s.range, offset);
      s.status.set(offset, status);
    }
    return status;
  }

  /**
   * Whether the whole text of a document names the spine. The text's tokens are kept: its sentences are
   * then read as ranges of them.
   */
  mentionsSpine(source: string, text: string): boolean {
    const r = this.docs.get(source);
    let tokens: readonly Token[];
    if (r?.text === text) {
      r.tokens ??= tokenize(text);
      tokens = r.tokens;
    } else tokens = tokenize(text);
    return this.lang.mentionsSpine({ tokens, from: 0, to: tokens.length, base: 0 });
  }
}
