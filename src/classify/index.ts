/**
 * Document-level facts: radiology or clinic note, imaging modality, exam/visit date and patient identifier.
 * Runs after matching so that a header-less report ("L4-5: disc bulge ...") can be recognised as radiology
 * from its imaging findings. Cue phrases are data (lexicons/document.json).
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Section } from '../facts/document.js';
import type { DocumentResult } from '../facts/schema.js';
import { matchableWithIds, PhraseTrie, phraseKeys, plainKeyRows, type StartTable } from '../match/trie.js';
import { type DocumentTokens, tokenize, tokensIn } from '../text/tokenize.js';
import { loadJson } from '../util/load-json.js';
import { alternation, escapeRegExp } from '../util/regex.js';

export const DocumentLexicon = z.object({
  version: z.string(),
  modality: z.array(z.object({ value: z.enum(['mri', 'ct', 'xray']), phrases: z.array(z.string()) })),
  radiologySections: z.array(z.string()),
  clinicSections: z.array(z.string()),
  radiologyPhrases: z.array(z.string()),
  clinicPhrases: z.array(z.string()),
  dateLabels: z.array(z.string()),
  /**
   * Words of a title that may stand before a date on one of the first lines ("Clinic Note - 03/14/2025").
   * Optional, so that a lexicon folder written before them still loads: a date line alone still counts.
   */
  headDateTitleWords: z.array(z.string()).default([]),
  /** Words that make a date on one of the first lines some other date ("DOB", "Date of injury"). */
  headDateBlockers: z.array(z.string()).default([]),
  /**
   * Names of services that hold a blocker word ("Spine Surgery Consult 06/10/2024" is the consult's date, not
   * a surgery's): read as title words.
   */
  headDateServices: z.array(z.string()).default([]),
  patientIdLabels: z.array(z.string()),
});
export type DocumentLexicon = z.infer<typeof DocumentLexicon>;

export function loadDocumentLexicon(dir: string): DocumentLexicon {
  return loadJson(join(dir, 'document.json'), DocumentLexicon);
}

export interface Classification {
  documentType: DocumentResult['documentType'];
  modality: DocumentResult['modality'];
  date: string | null;
  patientId: string | null;
}

export interface ClassifyInput {
  text: string;
  sections: Section[];
  imagingMentions: number;
  clinicalMentions: number;
  /** The document's cue phrases (`Classifier.cues`), when read beforehand; otherwise read here. */
  cues?: DocumentCues;
}

/**
 * What a document's own words say about it: the modality it names, its radiology and clinic phrases, and
 * its labelled date (read before the context stage, which dates care against it).
 */
export interface DocumentCues {
  modality: Classification['modality'];
  radiologyPhrases: number;
  clinicPhrases: number;
  date: string | null;
}

export interface Classifier {
  (input: ClassifyInput): Classification;
  /**
   * The cue phrases of a document, from its tokens when the pipeline has them (covering at least the
   * first HEAD_CHARS): the pipeline reads them while it matches, so the tokens need not outlive matching.
   */
  cues(text: string, sections: Section[], tokens?: DocumentTokens): DocumentCues;
}

/** How many of a document's first non-empty lines, within HEAD_DATE_CHARS, may date it without a label. */
const HEAD_DATE_LINES = 3;
const HEAD_DATE_CHARS = 500;
/** What may follow a date that ends its line: a clock time ("10:42 AM", "at 2:05 PM", military "0214", "1430h"). */
const TIME_TAIL_RE =
  /^[ \t]*(?:(?:at[ \t]+)?(?:\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?|(?:[01]\d|2[0-3])[0-5]\d[ \t]*(?:h|hrs)?))?[ \t]*$/;
const WORD_RE = /[\p{L}][\p{L}.'-]*/gu;

/** The head of a document whose cue phrases count towards its type. */
export const HEAD_CHARS = 4000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE_RE =
  /(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b|([A-Za-z]{3,9})\.?[ ]{1,3}(\d{1,2})(?:st|nd|rd|th)?,?[ ]{1,3}(\d{4})|(\d{1,2})(?:st|nd|rd|th)?(?:[ ]{1,3}|-)(?:of[ ]{1,3})?([A-Za-z]{3,9})\.?,?(?:[ ]{1,3}|-)(\d{4})/;

const labelPattern = (s: string) => escapeRegExp(s).replace(/ /g, '[ \\t]{1,3}');

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Parse the first date at the start of `s` into ISO form: US month/day order for slashed and dotted dates,
 * unless the first number cannot be a month and the second can ("30/04/2025", "31.03.2025": day first).
 */
export function parseDate(s: string): string | null {
  const m = DATE_RE.exec(s);
  if (!m || m.index > 3) return null;
  if (m[1]) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4]) {
    let y = Number(m[6]);
    if (m[6]!.length === 2) y += y > 50 ? 1900 : 2000;
    const [a, b] = [Number(m[4]), Number(m[5])];
    return a > 12 && b <= 12 ? iso(y, b, a) : iso(y, a, b);
  }
  if (m[7]) {
    const mon = MONTHS.indexOf(m[7].slice(0, 3).toLowerCase());
    return mon === -1 ? null : iso(Number(m[9]), mon + 1, Number(m[8]));
  }
  const mon = MONTHS.indexOf(m[11]!.slice(0, 3).toLowerCase());
  return mon === -1 ? null : iso(Number(m[12]), mon + 1, Number(m[10]));
}

export function createClassifier(lexicon: DocumentLexicon): Classifier {
  const modalityTrie = new PhraseTrie<'mri' | 'ct' | 'xray'>();
  for (const m of lexicon.modality) for (const p of m.phrases) modalityTrie.add(phraseKeys(p), m.value);
  const radTrie = new PhraseTrie<true>();
  for (const p of lexicon.radiologyPhrases) radTrie.add(phraseKeys(p), true);
  const clinicTrie = new PhraseTrie<true>();
  for (const p of lexicon.clinicPhrases) clinicTrie.add(phraseKeys(p), true);
  // Bits 1, 2, 4 of a token's starts: modality, radiology and clinic phrases.
  const keyer = plainKeyRows([modalityTrie, radTrie, clinicTrie]);
  const radSections = new Set(lexicon.radiologySections);
  const clinicSections = new Set(lexicon.clinicSections);
  const byLength = (a: string, b: string) => b.length - a.length;
  const dateLabelRe = new RegExp(
    `\\b(?:${[...lexicon.dateLabels].sort(byLength).map(labelPattern).join('|')})[ \\t]{0,3}[:#-]?[ \\t]{0,3}`,
    'gi',
  );
  const idLabelRe = new RegExp(
    `\\b(?:${[...lexicon.patientIdLabels].sort(byLength).map(labelPattern).join('|')})[ \\t]{0,3}(?:[:#]|no\\.?)[ \\t]{0,3}([A-Za-z0-9][A-Za-z0-9-]{1,24})`,
    'i',
  );

  const titleWords = new Set(lexicon.headDateTitleWords.map((w) => w.toLowerCase()));
  const dateBlockers = new Set(lexicon.headDateBlockers.map((w) => w.toLowerCase()));
  const services = lexicon.headDateServices.length
    ? new RegExp(`\\b(?:${alternation(lexicon.headDateServices)})\\b`, 'gi')
    : null;
  /** The words of a title around a head date, lower-case; a service's name counts as one title word. */
  const titleWordsOf = (s: string) =>
    ((services ? s.replace(services, ' note ') : s).match(WORD_RE) ?? []).map((w) =>
      w.toLowerCase().replace(/\.$/, ''),
    );
  /** What may follow a head date: a clock time, or title words ("04/22/2024 Clinic", "03/14/2025 - Progress Note"). */
  const tailOk = (tail: string) => {
    if (TIME_TAIL_RE.test(tail)) return true;
    if (!/^[ \t]*(?:[-–:|][ \t]*)?[\p{L}][\p{L}. '/-]*$/u.test(tail)) return false;
    const words = titleWordsOf(tail);
    return words.length > 0 && words.every((w) => titleWords.has(w));
  };

  /**
   * A note that labels no date is dated by a date ending one of its first lines, alone or after a title
   * ("PROGRESS NOTE" / "03/14/2025", "Clinic Note - March 14, 2025"), as a reader takes the date under a
   * letterhead. Any other words before it ("John Smith 03/14/1961", "DOB 03/14/1961") leave it undated.
   */
  function headLineDate(text: string): string | null {
    let seen = 0;
    for (const line of text.slice(0, HEAD_DATE_CHARS).split('\n')) {
      if (line.trim() === '') continue;
      if (++seen > HEAD_DATE_LINES) break;
      const m = DATE_RE.exec(line);
      if (!m || !tailOk(line.slice(m.index + m[0].length))) continue;
      const words = titleWordsOf(line.slice(0, m.index));
      if (words.some((w) => dateBlockers.has(w))) continue;
      if (words.length > 0 && !words.some((w) => titleWords.has(w))) continue;
      const date = parseDate(line.slice(m.index));
      if (date) return date;
    }
    return null;
  }

  // One document is read at a time: its head's table is written over the last one's.
  const headTable: StartTable = { keys: [], starts: [] };

  function cues(text: string, sections: Section[], tokens?: DocumentTokens): DocumentCues {
    // Phrases match across a hyphen as across a space ("X-ray", "T2-weighted"), as the concept matcher's do.
    const tokensOf = (from: number, to: number) => {
      const ids: number[] = [];
      const cut = tokens ? tokensIn(tokens, from, to, ids) : tokenize(text.slice(from, to), from, ids);
      return matchableWithIds(cut, ids);
    };
    const tableOf = (from: number, to: number) => {
      const { tokens: part, ids } = tokensOf(from, to);
      return { part, ...keyer.table(part, ids) };
    };
    const { tokens: head, ids: headIds } = tokensOf(0, Math.min(HEAD_CHARS, text.length));
    const { keys, starts } = keyer.table(head, headIds, headTable);
    // The head of a document (title, header lines) and its technique section name the study. The first 600
    // characters are the head's first tokens unless a token runs across character 600.
    const top = Math.min(600, text.length);
    let inTop = 0;
    while (inTop < head.length && head[inTop]!.end <= top) inTop++;
    const topIsHead = inTop === head.length || head[inTop]!.start >= top;
    let modality: Classification['modality'] =
      (topIsHead ? modalityTrie.scanKeyed(head, keys, 0, inTop, starts, 1)[0]?.payload : null) ?? null;
    const parts: [number, number][] = topIsHead ? [] : [[0, top]];
    for (const s of sections) {
      if (s.kind === 'technique') parts.push([s.start, Math.min(s.end, s.start + 400)]);
    }
    for (let p = 0; p < parts.length && modality === null; p++) {
      const { part, keys: partKeys, starts: partStarts } = tableOf(parts[p]![0], parts[p]![1]);
      modality = modalityTrie.scanKeyed(part, partKeys, 0, part.length, partStarts, 1)[0]?.payload ?? null;
    }
    let date: string | null = null;
    dateLabelRe.lastIndex = 0;
    for (let m = dateLabelRe.exec(text); m !== null && date === null; m = dateLabelRe.exec(text)) {
      date = parseDate(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    }
    date ??= headLineDate(text);
    return {
      modality,
      radiologyPhrases: radTrie.scanKeyed(head, keys, 0, head.length, starts, 2).length,
      clinicPhrases: clinicTrie.scanKeyed(head, keys, 0, head.length, starts, 4).length,
      date,
    };
  }

  function classify(input: ClassifyInput): Classification {
    const { text, sections } = input;
    const { modality, radiologyPhrases, clinicPhrases, date } = input.cues ?? cues(text, sections);
    const kinds = new Set(sections.map((s) => s.kind));
    let rad = [...kinds].filter((k) => radSections.has(k)).length * 2 + radiologyPhrases;
    let clinic = [...kinds].filter((k) => clinicSections.has(k)).length * 2 + clinicPhrases;
    // An "Impression:" alone, with no study named and no other part of a report, is a clinician's impression
    // when the note is about the patient more than the images ("Impression: C7 radiculopathy that has not
    // responded to therapy").
    const impressionOnly =
      kinds.has('impression') &&
      !modality &&
      ![...kinds].some((k) => k !== 'impression' && radSections.has(k));
    if (impressionOnly && input.clinicalMentions > input.imagingMentions) clinic = Math.max(clinic, rad + 1);
    if (modality && /^\W*(?:mri?|ct|x-?ray|xr|radiograph|lss)/i.test(text.slice(0, 40))) rad += 3;
    if (rad === 0 && clinic === 0) {
      // Header-less text: imaging vocabulary alone reads like a radiologist's note.
      if (input.imagingMentions > 0 && input.clinicalMentions === 0) rad = 1;
      else if (input.clinicalMentions > 0) clinic = 1;
    }
    // Cue words alone that weigh the same ("My impression is ..." is both): what the note is about decides.
    if (rad === clinic && rad > 0 && input.clinicalMentions > input.imagingMentions) clinic++;
    const documentType = rad === 0 && clinic === 0 ? 'unknown' : rad >= clinic ? 'radiology' : 'clinic';

    const id = idLabelRe.exec(text.slice(0, HEAD_CHARS));
    return {
      documentType,
      modality: documentType === 'clinic' ? null : modality,
      date,
      patientId: id?.[1] ?? null,
    };
  }

  return Object.assign(classify, { cues });
}
