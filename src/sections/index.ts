/**
 * Sections: find report and note headers ("IMPRESSION:", "Findings", "PAST MEDICAL HISTORY:") and cut the
 * document into Section[] with contract names and finer kinds (used by context defaults). Header titles
 * are data (lexicons/sections.json). Level-by-level lines such as "L4-5:" are never headers, so they stay
 * inside FINDINGS.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Section } from '../facts/document.js';
import { SectionName } from '../facts/schema.js';
import { detached } from '../util/detach.js';
import { loadJson } from '../util/load-json.js';
import { lastStartingAtOrBefore } from '../util/spans.js';

export const SectionLexicon = z.object({
  version: z.string(),
  sections: z.array(
    z.object({
      kind: z.string().min(1),
      name: SectionName,
      titles: z.array(z.string().min(1)).min(1),
    }),
  ),
  studyTitleWords: z.array(z.string()),
});
export type SectionLexicon = z.infer<typeof SectionLexicon>;

interface SectionRule {
  kind: string;
  name: Section['name'];
}

export interface SectionDetector {
  detect(text: string): Section[];
}

// A header at the start of a line: a title of letters (no digits, so "L4-5:" never qualifies), then a colon
// or the end of the line. Bounded repetition keeps it linear.
const LINE_HEADER_RE = /^[ \t>*#-]{0,4}([A-Za-z][A-Za-z &/()'.-]{0,48}?)[ \t]*(:|$)/;
// An ALL-CAPS header with a colon inside a line, after a sentence end (transcriptions run headers together:
// "... tumor.,POSTOPERATIVE DIAGNOSIS: , ..."). Whitespace runs are bounded: an unbounded `\s{2,}` retried at
// every position of a long run of spaces is quadratic, and a longer run still matches from a later start.
const INLINE_HEADER_RE = /(?:[.,;]\s{0,8}|\s{2,8})([A-Z][A-Z &/()-]{2,48}):/g;

function normTitle(s: string): string {
  // "Assessment / Plan", "Assessment/ Plan" and "Assessment/Plan" are one title.
  return s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([/&]) ?/g, '$1')
    .replace(/[.]+$/, '')
    .trim();
}

function isAllCaps(s: string): boolean {
  return /[A-Z]/.test(s) && s === s.toUpperCase();
}

export function loadSectionLexicon(lexiconDir: string): SectionLexicon {
  return loadJson(join(lexiconDir, 'sections.json'), SectionLexicon);
}

export function createSectionDetector(lexicon: SectionLexicon): SectionDetector {
  const byTitle = new Map<string, SectionRule>();
  for (const s of lexicon.sections) {
    for (const t of s.titles) byTitle.set(normTitle(t), { kind: s.kind, name: s.name });
  }
  const studyWords = new Set(lexicon.studyTitleWords.map((w) => w.toLowerCase()));

  // The same few titles open section after section: each is normalised once (bounded for hostile text).
  const titleKeys = new Map<string, string>();
  const keyOf = (title: string): string => {
    let key = titleKeys.get(title);
    if (key === undefined) {
      if (titleKeys.size >= 10_000) titleKeys.clear();
      key = normTitle(title);
      titleKeys.set(detached(title), key);
    }
    return key;
  };

  /** "PSH/PMH", "PMH & PSH": titles joined by "/" or "&" that all head one kind of section head it too. */
  function combined(key: string): SectionRule | null {
    if (!/[/&]/.test(key)) return null;
    let rule: SectionRule | null = null;
    for (const part of key.split(/[/&]/)) {
      const r = byTitle.get(part.trim());
      if (!r || (rule && r.kind !== rule.kind)) return null;
      rule = r;
    }
    return rule;
  }

  /** Resolve a candidate title; null when it is not a header. */
  function resolve(title: string, hasColon: boolean, restOfLine: string): SectionRule | null {
    // A SOAP letter ("S:", "P:") heads a section only as a capital with a colon, before words: "P: 72"
    // and "R: 16" are vital signs.
    if (
      title.length === 1 &&
      (!hasColon || !/^[A-Z]$/.test(title) || !/^\s*(?:$|[A-Za-z(•*-])/.test(restOfLine))
    )
      return null;
    const key = keyOf(title);
    let rule = byTitle.get(key) ?? combined(key);
    if (!rule && hasColon && isAllCaps(title) && key.length >= 3 && /[a-z]{2}/.test(key)) {
      rule = { kind: 'other', name: 'other' };
    }
    if (!rule) return null;
    // "EXAM: MRI LUMBAR SPINE" names the study (technique); "Exam: alert, gait normal" is a physical exam.
    if (rule.kind === 'exam' && /^exam/.test(key)) {
      // The study is named right after the header; a bounded look keeps a 2 MB line linear.
      const words =
        restOfLine
          .slice(0, 200)
          .toLowerCase()
          .match(/[a-z-]+/g) ?? [];
      if (words.some((w) => studyWords.has(w))) rule = { kind: 'technique', name: 'technique' };
    }
    return rule;
  }

  return {
    detect(text: string): Section[] {
      const headers: { start: number; bodyStart: number; title: string; rule: SectionRule }[] = [];
      let lineStart = 0;
      while (lineStart <= text.length) {
        let lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd === -1) lineEnd = text.length;
        const line = text.slice(lineStart, lineEnd);
        const m = LINE_HEADER_RE.exec(line);
        if (m?.[1]) {
          const hasColon = m[2] === ':';
          const title = m[1].trim();
          const rest = line.slice(m[0].length);
          // A title without a colon must stand alone on its line ("IMPRESSION" / "Findings").
          const standsAlone = !hasColon && rest.trim() === '';
          const rule = hasColon || standsAlone ? resolve(title, hasColon, rest) : null;
          if (rule && (hasColon || isAllCaps(title) || /^[A-Z]/.test(title))) {
            const titleStart = lineStart + line.indexOf(title);
            headers.push({ start: titleStart, bodyStart: lineStart + m[0].length, title, rule });
          }
        }
        // An inline header ends in a colon: a line without one is not searched.
        INLINE_HEADER_RE.lastIndex = 0;
        const inline = line.includes(':');
        for (
          let im = inline ? INLINE_HEADER_RE.exec(line) : null;
          im !== null;
          im = INLINE_HEADER_RE.exec(line)
        ) {
          const title = im[1]!.trim();
          const rule = resolve(title, true, line.slice(im.index + im[0].length));
          if (!rule) continue;
          const titleStart = lineStart + im.index + im[0].indexOf(im[1]!);
          if (headers.length && headers[headers.length - 1]!.start === titleStart) continue;
          headers.push({ start: titleStart, bodyStart: lineStart + im.index + im[0].length, title, rule });
        }
        lineStart = lineEnd + 1;
      }
      headers.sort((a, b) => a.start - b.start);

      const sections: Section[] = [];
      const firstStart = headers[0]?.start ?? text.length;
      if (firstStart > 0 || headers.length === 0) {
        sections.push({
          name: 'other',
          kind: 'preamble',
          title: null,
          start: 0,
          bodyStart: 0,
          end: firstStart,
        });
      }
      headers.forEach((h, i) => {
        const end = headers[i + 1]?.start ?? text.length;
        // An unknown ALL-CAPS header inside FINDINGS ("ALIGNMENT:", "CONUS:") is a sub-heading of it.
        const prev = sections[sections.length - 1];
        const rule = h.rule.kind === 'other' && prev?.kind === 'findings' ? prev : h.rule;
        sections.push({
          name: rule.name,
          kind: rule.kind,
          title: h.title,
          start: h.start,
          bodyStart: Math.min(h.bodyStart, end),
          end,
        });
      });
      return sections;
    },
  };
}

/** Index of the section containing `offset` (sections are sorted and contiguous). */
export function sectionAt(sections: Section[], offset: number): number {
  return lastStartingAtOrBefore(sections, offset);
}
