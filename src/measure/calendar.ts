/**
 * Calendar dates that measure a span of time in a sentence, given the date of the note:
 * - a start date ("since March 1, 2024", "started PT on 4/2/25", "pain began in early March"): the span runs
 *   from it to the note's date;
 * - a date range ("PT from 1/31/2025 to 3/28/2025", "between January and March", "from May to present"):
 *   the span runs between its two ends.
 * This module only reads the dates; durations.ts decides what the span is the duration of.
 */

/** A span of time read from calendar dates, in weeks, with the characters that state it. */
export interface DatedSpan {
  /** Where the phrase starts (its lead word: "since", "from", "started"). */
  start: number;
  /** Where the first date starts. */
  numStart: number;
  end: number;
  weeks: number;
  /** The lead word, lower-cased. */
  lead: string;
  /** Both ends are written: a range ("from X to Y"), not a start up to the note. */
  range: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const DAY_MS = 86_400_000;
/** Holidays of fixed date that notes count from ("since Christmas", "hurt it on Boxing Day"): [month, day]. */
const HOLIDAYS: Readonly<Record<string, readonly [number, number]>> = {
  christmas: [12, 25],
  xmas: [12, 25],
  'christmas day': [12, 25],
  'boxing day': [12, 26],
  "new year's eve": [12, 31],
  "new year's day": [1, 1],
  "new year's": [1, 1],
  'new year': [1, 1],
  'the new year': [1, 1],
  halloween: [10, 31],
};
/** The names of HOLIDAYS, longest first so that "christmas day" is read whole. */
const HOLIDAY_NAMES = Object.keys(HOLIDAYS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const PART_DAY: Readonly<Record<string, number>> = { early: 5, mid: 15, late: 25 };
const MONTH_NAME =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

/**
 * One date, its groups named with `s` at the end so that two dates can sit in one pattern: "March", "early
 * March", "March 1, 2024", "12 Feb 2024", "3rd March", "3/1/2024", "03/2024", and with `monthDay` also "3/1"
 * (month and day, no year).
 */
function datePattern(s: string, monthDay: boolean): string {
  const numeric = monthDay
    ? String.raw`(?<nm${s}>\d{1,2})\/(?:(?<nd${s}>\d{1,2})(?:\/(?<ny${s}>\d{4}|\d{2}))?|(?<ny4${s}>\d{4}))`
    : String.raw`(?<nm${s}>\d{1,2})\/(?:(?<nd${s}>\d{1,2})\/(?<ny${s}>\d{4}|\d{2})|(?<ny4${s}>\d{4}))`;
  const dayFirst = String.raw`(?<fd${s}>\d{1,2})(?:st|nd|rd|th)?[ -](?<fm${s}>${MONTH_NAME})(?:,?[ -](?<fy${s}>(?:19|20)\d{2}))?`;
  const iso = String.raw`(?<iy${s}>(?:19|20)\d{2})-(?<im${s}>\d{1,2})-(?<id${s}>\d{1,2})`;
  const holiday = `(?<hol${s}>${HOLIDAY_NAMES})`;
  return String.raw`(?:(?<part${s}>early|mid|late)[- ]?)?(?:(?<month${s}>${MONTH_NAME})(?:\s(?<day${s}>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s(?<year${s}>(?:19|20)\d{2}))?|${dayFirst}|${iso}|${holiday}|${numeric})`;
}

// The verbs of a start that a date may follow directly ("PT started 4/2/25"), and every word a start date may
// follow: SINCE_DATE_RE and its short test START_DATE_SOURCE are made from the one list.
export const START_VERBS: ReadonlySet<string> = new Set([
  'started',
  'began',
  'begun',
  'initiated',
  'commenced',
]);
// "since just after Christmas", "since shortly before 3/1/2024": a start told as near a date is dated by it.
const AROUND = String.raw`(?:(?:just|shortly|right|soon)\s+)?(?:after|before)\s+`;
const DATE_LEADS = ['since', 'on', 'in', ...START_VERBS].join('|');
const RANGE_LEADS = 'from|between';
/**
 * How a dated span starts: most sentences hold "on" or "in" but no date after it, and this short test spares
 * them the long patterns. The measurement stage tests it too, to scan a sentence with no digit.
 */
export const START_DATE_SOURCE = String.raw`(?<![\p{L}])(?:${DATE_LEADS}|${RANGE_LEADS})\s+(?:${AROUND})?(?:early|mid|late|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|${HOLIDAY_NAMES}|\d)`;
const START_DATE_RE = new RegExp(START_DATE_SOURCE, 'iu');
const BARE_RANGE_RE =
  /(?:\d\/\d{1,2}\/\d{2,4}|\d{1,2}[ -][a-z]{3,9}\.?,?[ -](?:19|20)\d\d)\s*(?:-|–|to|through|thru|until)\s*\d/i;
// "since March", "since early March", "since March 1, 2024", "since 3/1/2024", "since 03/2024": a start date;
// so is "on May 6" after a start cue ("started physical therapy on May 6"), and a date right after the verb
// of a start ("PT started 4/2/25", "pain began March 1"). A month and day with no year ("since 3/12") is left
// alone: it could be read as March 2012.
const SINCE_DATE_RE = new RegExp(
  String.raw`(?<![\p{L}])(?<lead>${DATE_LEADS})\s+(?:${AROUND})?(?<date>${datePattern('', false)})(?![\p{L}\d/])`,
  'giu',
);
// "from 1/31/2025 to 3/28/2025", "from January through March", "between Jan 5 and Mar 2, 2025", "from May to
// present"; with no lead word, two full dates ("PT 1/6/25 - 2/28/25"). Inside a range "1/31" is a month and
// a day: the other end shows how the dates are written.
const RANGE_RE = new RegExp(
  String.raw`(?<![\p{L}\d/])(?:(?<lead>${RANGE_LEADS})\s+)?(?<date>${datePattern('', true)})\s*(?:to|through|thru|until|till|and|-|–)\s*(?:(?<now>present|now|today|date)|(?<date2>${datePattern('2', true)}))(?![\p{L}\d/])`,
  'giu',
);

interface Ymd {
  year: number | null;
  month: number;
  day: number;
}

function readDate(g: Record<string, string | undefined>, s: string): Ymd | null {
  let month: number;
  let day: number;
  let year: number | null = null;
  const name = g[`month${s}`];
  const dayFirstMonth = g[`fm${s}`];
  const holiday = g[`hol${s}`];
  if (g[`iy${s}`]) {
    // "since 2024-03-08", as forms and exported notes write it.
    year = Number(g[`iy${s}`]);
    month = Number(g[`im${s}`]);
    day = Number(g[`id${s}`]);
  } else if (holiday) {
    // "since just after Christmas": a holiday of fixed date, its last occurrence.
    const md = HOLIDAYS[holiday.toLowerCase().replace(/\s+/g, ' ')] ?? [0, 0];
    [month, day] = md;
  } else if (dayFirstMonth) {
    // "12 Feb 2024", "3rd March": the day before the month, as British and Australian notes write it.
    month = MONTHS[dayFirstMonth.toLowerCase()] ?? 0;
    day = Number(g[`fd${s}`]);
    if (g[`fy${s}`]) year = Number(g[`fy${s}`]);
  } else if (name) {
    month = MONTHS[name.toLowerCase()] ?? 0;
    // "since late January": from the part of the month it names.
    const part = g[`part${s}`]?.toLowerCase() ?? '';
    day = g[`day${s}`] ? Number(g[`day${s}`]) : (PART_DAY[part] ?? 1);
    if (g[`year${s}`]) year = Number(g[`year${s}`]);
  } else {
    month = Number(g[`nm${s}`]);
    day = g[`nd${s}`] ? Number(g[`nd${s}`]) : 1;
    const y = g[`ny${s}`] ?? g[`ny4${s}`];
    if (y) year = y.length === 2 ? 2000 + Number(y) : Number(y);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

/** Day, month and year all written: "3/28/2025", "22 Apr 2024", "April 22, 2024". */
function fullDate(g: Record<string, string | undefined>, s: string): boolean {
  return Boolean(
    (g[`nd${s}`] && g[`ny${s}`]) || (g[`fd${s}`] && g[`fy${s}`]) || (g[`day${s}`] && g[`year${s}`]),
  );
}

/** A date with no year is its last occurrence up to `upTo` (a UTC time). */
function timeOf(d: Ymd, upTo: number): number {
  if (d.year !== null) return Date.UTC(d.year, d.month - 1, d.day);
  const y = new Date(upTo).getUTCFullYear();
  const same = Date.UTC(y, d.month - 1, d.day);
  return same <= upTo ? same : Date.UTC(y - 1, d.month - 1, d.day);
}

/** A start after the note, or a century back, is a misread date. */
function plausible(days: number): boolean {
  return days > 0 && days <= 36_525;
}

/** Where the words after a match's lead start: "since just after Christmas" is introduced by "since". */
function afterLead(m: RegExpExecArray, lead: string): number {
  return m.index + m[0].length - m[0].slice(lead.length).trimStart().length;
}

/** The dated spans in `text` of a note dated `documentDate` (YYYY-MM-DD), in text order. */
export function datedSpans(text: string, documentDate: string): DatedSpan[] {
  if (!START_DATE_RE.test(text) && !BARE_RANGE_RE.test(text)) return [];
  const [dy, dm, dd] = documentDate.split('-').map(Number) as [number, number, number];
  const noteTime = Date.UTC(dy, dm - 1, dd);
  const spans: DatedSpan[] = [];
  RANGE_RE.lastIndex = 0;
  for (let m = RANGE_RE.exec(text); m !== null; m = RANGE_RE.exec(text)) {
    const g = m.groups!;
    const from = readDate(g, '');
    const to = g.now ? null : readDate(g, '2');
    if (!from || (!g.now && !to)) continue;
    // Unled, only two full dates make a range: "2/3 - 3/4" may be anything.
    if (!g.lead && !(fullDate(g, '') && fullDate(g, '2'))) continue;
    // "from 8/10 to 3/10", "4/5 to 5/5": two scores out of the same total, not two dates.
    if (to && !g.ny && !g.ny2 && g.nd !== undefined && g.nd === g.nd2) continue;
    const toTime = to ? timeOf(to, noteTime) : noteTime;
    if (toTime > noteTime) continue;
    const days = (toTime - timeOf(from, toTime)) / DAY_MS;
    if (!plausible(days)) continue;
    const lead = g.lead?.toLowerCase() ?? '';
    spans.push({
      start: m.index,
      numStart: afterLead(m, lead),
      end: m.index + m[0].length,
      weeks: days / 7,
      lead,
      range: true,
    });
  }
  SINCE_DATE_RE.lastIndex = 0;
  for (let m = SINCE_DATE_RE.exec(text); m !== null; m = SINCE_DATE_RE.exec(text)) {
    const g = m.groups!;
    const end = m.index + m[0].length;
    if (spans.some((r) => r.range && m.index < r.end && end > r.start)) continue;
    const from = readDate(g, '');
    if (!from) continue;
    const days = (noteTime - timeOf(from, noteTime)) / DAY_MS;
    if (!plausible(days)) continue;
    spans.push({
      start: m.index,
      numStart: afterLead(m, g.lead!),
      end,
      weeks: days / 7,
      lead: g.lead!.toLowerCase(),
      range: false,
    });
  }
  return spans.sort((a, b) => a.start - b.start);
}
