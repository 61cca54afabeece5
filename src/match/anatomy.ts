/**
 * Anatomy: find spinal level expressions in a sentence and normalise them to the contract's notation
 * (vertebra "L2", disc level "L4-L5", ranges expanded). Regexes here are linear: fixed alternations and
 * bounded whitespace, no nested quantifiers.
 */
import type { Region } from '../facts/schema.js';

const ORDER: string[] = [
  ...Array.from({ length: 7 }, (_, i) => `C${i + 1}`),
  ...Array.from({ length: 12 }, (_, i) => `T${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `L${i + 1}`),
  ...Array.from({ length: 5 }, (_, i) => `S${i + 1}`),
];
const INDEX = new Map(ORDER.map((v, i) => [v, i]));

export type LevelKind = 'vertebra' | 'disc' | 'range';

export interface LevelMention {
  start: number;
  end: number;
  text: string;
  kind: LevelKind;
  /** First and last vertebra covered (equal for a single vertebra). */
  from: string;
  to: string;
}

// One vertebra (with "D" for dorsal = thoracic), optionally paired: "L4-5", "L4/L5", "L5-S1", "C7-T1", "L4 5".
const LEVEL_RE =
  /(?<![A-Za-z0-9])([CTLSD])[ ]?(\d{1,2})(?:[ ]{0,2}([-–—/]|[ ])[ ]{0,2}(?:([CTLSD])[ ]?)?(\d{1,2}))?(?![A-Za-z0-9]|\.\d)/gi;
// "L4 on L5" (listhesis), "C3 through C7", "from L2 to L5", "C3-4 through C6-7": joined after single parsing.
const RANGE_JOIN_RE = /^[ ]{0,3}(?:through|thru|to|-|–|—)[ ]{0,3}$/i;
const ON_JOIN_RE = /^[ ]{1,3}(?:on|over|upon)[ ]{1,3}$/i;
// MRI sequence names look like levels: "T2 hyperintensity", "T1-weighted", "STIR/T2".
const SEQUENCE_AFTER_RE =
  /^[ -]{0,2}(?:weighted|w\b|signal|cord|intramedullary|myelomalacia|change|abnormal|lesion|bright|hyper|hypo|images?|sequence|flair|fat|bright|dark|stir|and t[12]\b|\/|,? ?and ?stir|post|pre|gradient|gre|fse|tse|sagittal|axial|shine|prolong|shortening)/i;
const LEVEL_BEFORE_RE = /(?:\bat|\bof|\bto|\bthrough|\bfrom|\bthe|\band|,)[ ]{1,3}$/i;
// After a bare T1/T2, words of a vertebra, or another level in a list ("in T2 and T10 vertebral bodies";
// "T1 and T2" names sequences, caught before).
const LEVEL_AFTER_RE =
  /^[ ]{0,2}(?:vertebra|vertebral|level|body|spinous|pedicle|compression|fracture|nerve|root|dermatom|endplate|superior|inferior|(?:,|and|or|through|thru|to)[ ]{0,3}(?:[CLS]\d|T(?:[3-9]|1[0-2])(?!\d)))/i;

const DIGIT_RE = /\d/;

// The junctions that reports name instead of the disc level between two regions.
const JUNCTION_RE = /(?<![A-Za-z])(lumbosacral|thoracolumbar|cervicothoracic)[ ]{1,3}junction(?![A-Za-z])/gi;
const JUNCTIONS: Readonly<Record<string, readonly [string, string]>> = {
  lumbosacral: ['L5', 'S1'],
  thoracolumbar: ['T12', 'L1'],
  cervicothoracic: ['C7', 'T1'],
};

/** "at the lumbosacral junction" as the disc level it names (L5-S1). */
function junctions(text: string, offset: number): LevelMention[] {
  const out: LevelMention[] = [];
  if (!/junction/i.test(text)) return out;
  JUNCTION_RE.lastIndex = 0;
  for (let m = JUNCTION_RE.exec(text); m !== null; m = JUNCTION_RE.exec(text)) {
    const [from, to] = JUNCTIONS[m[1]!.toLowerCase()]!;
    out.push({
      start: m.index + offset,
      end: m.index + m[0].length + offset,
      text: m[0],
      kind: 'disc',
      from,
      to,
    });
  }
  return out;
}

function vertebra(letter: string, num: string): string | null {
  let l = letter.toUpperCase();
  if (l === 'D') l = 'T';
  const name = `${l}${Number(num)}`;
  return INDEX.has(name) ? name : null;
}

/**
 * A disc level dictated without its hyphen ("L45", "C56"): the two digits name neighbouring vertebrae of a
 * region whose numbers have one digit. Thoracic numbers run to 12, so "T12" stays a vertebra.
 */
function fusedDisc(letter: string, digits: string): [string, string] | null {
  const l = letter.toUpperCase();
  if (digits.length !== 2 || (l !== 'C' && l !== 'L')) return null;
  const a = vertebra(l, digits[0]!);
  const b = vertebra(l, digits[1]!);
  return a && b && INDEX.get(b) === INDEX.get(a)! + 1 ? [a, b] : null;
}

/** All level expressions in `text`, with offsets relative to `offset`. */
export function findLevels(text: string, offset = 0): LevelMention[] {
  const named = junctions(text, offset);
  // A level needs a digit: most sentences have none and skip the level pattern.
  if (!DIGIT_RE.test(text)) return named;
  const raw: LevelMention[] = [];
  LEVEL_RE.lastIndex = 0;
  for (let m = LEVEL_RE.exec(text); m !== null; m = LEVEL_RE.exec(text)) {
    const [whole, l1, n1, sep, l2, n2] = m;
    const a = vertebra(l1!, n1!);
    if (!a) {
      const fused = n2 === undefined ? fusedDisc(l1!, n1!) : null;
      if (fused) {
        const [from, to] = fused;
        raw.push({
          start: m.index + offset,
          end: m.index + whole.length + offset,
          text: whole,
          kind: 'disc',
          from,
          to,
        });
      }
      continue;
    }
    let end = m.index + whole.length;
    let to = a;
    let kind: LevelKind = 'vertebra';
    if (n2 !== undefined) {
      const region2 = l2 ?? (a === 'L5' && n2 === '1' ? 'S' : a[0]!);
      const b = vertebra(region2, n2);
      const ia = INDEX.get(a)!;
      const ib = b ? INDEX.get(b)! : -1;
      // "L4 5" with a bare space only counts as the next vertebra; "L4 5 mm" and "T2 3" do not.
      const spaced = sep === ' ';
      const unitAfter =
        spaced && /^[ ]{0,2}(?:mm|cm|%|x\b|mg|ml|deg|°)/i.test(text.slice(m.index + whole.length));
      if (b && ib > ia && (!spaced || (ib === ia + 1 && !l2 && !unitAfter))) {
        to = b;
        kind = ib === ia + 1 ? 'disc' : 'range';
      } else {
        end = m.index + 1 + (whole.slice(1).match(/^[ ]?\d{1,2}/)?.[0].length ?? n1!.length);
      }
    }
    const textOf = text.slice(m.index, end);
    if (kind === 'vertebra' && /^T[12]$/.test(a)) {
      // A bare T1/T2 is an MRI sequence unless the words around it make it a level.
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      const after = text.slice(end, end + 16);
      if (SEQUENCE_AFTER_RE.test(after) || !(LEVEL_BEFORE_RE.test(before) || LEVEL_AFTER_RE.test(after)))
        continue;
    }
    raw.push({ start: m.index + offset, end: end + offset, text: textOf, kind, from: a, to });
    LEVEL_RE.lastIndex = end;
  }
  if (named.length > 0) {
    raw.push(...named);
    raw.sort((x, y) => x.start - y.start);
  }
  return joinRanges(raw, text, offset);
}

function joinRanges(levels: LevelMention[], text: string, offset: number): LevelMention[] {
  const out: LevelMention[] = [];
  for (const lv of levels) {
    const prev = out[out.length - 1];
    if (prev) {
      const between = text.slice(prev.end - offset, lv.start - offset);
      const iPrev = INDEX.get(prev.to)!;
      const iNext = INDEX.get(lv.from)!;
      if (
        RANGE_JOIN_RE.test(between) &&
        iNext >= iPrev &&
        (prev.kind !== 'vertebra' || lv.kind !== 'vertebra' || iNext > iPrev)
      ) {
        const from = prev.from;
        const to = lv.to;
        const kind: LevelKind = INDEX.get(to)! - INDEX.get(from)! === 1 ? 'disc' : 'range';
        out[out.length - 1] = {
          start: prev.start,
          end: lv.end,
          text: text.slice(prev.start - offset, lv.end - offset),
          kind,
          from,
          to,
        };
        continue;
      }
      if (
        ON_JOIN_RE.test(between) &&
        prev.kind === 'vertebra' &&
        lv.kind === 'vertebra' &&
        iNext === iPrev + 1
      ) {
        out[out.length - 1] = {
          start: prev.start,
          end: lv.end,
          text: text.slice(prev.start - offset, lv.end - offset),
          kind: 'disc',
          from: prev.from,
          to: lv.to,
        };
        continue;
      }
    }
    out.push(lv);
  }
  return out;
}

/**
 * Contract notation of a level mention for a concept. Disc-type concepts get disc levels (a range becomes
 * its list of discs); vertebral-body concepts get the vertebrae covered.
 */
export function normaliseLevel(
  lv: Pick<LevelMention, 'kind' | 'from' | 'to'>,
  anatomy: 'disc' | 'vertebra' | 'none',
): string[] {
  const a = INDEX.get(lv.from)!;
  const b = INDEX.get(lv.to)!;
  if (lv.kind === 'vertebra') return [lv.from];
  if (anatomy === 'vertebra') return ORDER.slice(a, b + 1);
  const discs: string[] = [];
  for (let i = a; i < b; i++) discs.push(`${ORDER[i]}-${ORDER[i + 1]}`);
  return discs;
}

export function regionOfLevel(level: string): Region[] {
  const known = LEVEL_REGIONS.get(level);
  return known ? [...known] : regionsOf(level);
}

function regionsOf(level: string): Region[] {
  const regions = new Set<Region>();
  for (const v of level.split('-')) {
    const r = v[0] === 'C' ? 'cervical' : v[0] === 'T' ? 'thoracic' : v[0] === 'L' ? 'lumbar' : 'sacral';
    regions.add(r);
  }
  // A lumbosacral junction is reported as lumbar spine.
  if (regions.has('lumbar') && regions.has('sacral')) regions.delete('sacral');
  return [...regions];
}

/** The regions of every vertebra and disc level `normaliseLevel` writes, worked out once. */
const LEVEL_REGIONS = new Map<string, readonly Region[]>(
  ORDER.flatMap((v, i) => (i + 1 < ORDER.length ? [v, `${v}-${ORDER[i + 1]}`] : [v])).map((l) => [
    l,
    regionsOf(l),
  ]),
);

/** Sort levels in craniocaudal order. */
export function sortLevels(levels: Iterable<string>): string[] {
  const key = (l: string) => {
    const [a, b] = l.split('-');
    return (INDEX.get(a!) ?? 99) * 2 + (b ? 1 : 0);
  };
  return [...new Set(levels)].sort((x, y) => key(x) - key(y) || x.localeCompare(y));
}
