import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/facts/case-schema.js';
import type { DocumentResult, Finding, Measurement } from '../../src/facts/schema.js';
import {
  buildReview,
  esc,
  highlightDocument,
  renderReviewPage,
  renderTimeline,
  sortCases,
} from '../../src/review/index.js';
import { FILES, fixtureDocuments, INJECTION } from './fixtures.js';

/** The visible text of an HTML fragment: tags dropped, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function span(text: string, phrase: string, from = 0) {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(`"${phrase}" not in text`);
  return { start, end: start + phrase.length, text: phrase };
}

const NO_MODS = { negated: false, possible: false, historical: false, hypothetical: false, family: false };

function finding(
  text: string,
  concept: string,
  phrase: string,
  assertion: Finding['assertion'] = 'present',
): Finding {
  const s = span(text, phrase);
  const mention = {
    span: s,
    sentence: { start: 0, end: text.length, text },
    section: 'hpi' as const,
    sectionTitle: 'HPI',
    page: null,
    levels: ['C5-C6'],
    severity: null,
    modifiers: { ...NO_MODS, negated: assertion === 'absent' },
    assertion,
    cues: [] as Finding['cues'],
  };
  return {
    concept,
    label: concept,
    category: 'clinical',
    assertion,
    modifiers: mention.modifiers,
    levels: mention.levels,
    region: [],
    multilevel: false,
    severity: null,
    acuity: null,
    percent: null,
    genantGrade: null,
    section: 'hpi',
    span: s,
    sentence: text,
    page: null,
    cues: [],
    codes: [],
    mentions: [mention],
  };
}

function documentOf(findings: Finding[], measurements: Measurement[] = []): DocumentResult {
  return {
    schemaVersion: '1.0.0',
    source: 'a/note.txt',
    documentType: 'clinic',
    modality: null,
    date: null,
    patientId: null,
    findings,
    measurements,
    sections: [],
    errors: [],
  };
}

describe('esc', () => {
  it('escapes every character that could open markup or leave an attribute', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(esc(null)).toBe('');
  });
});

describe('highlightDocument', () => {
  const text = 'He has had 4 months of hand numbness and trouble with buttons.';
  const duration: Measurement = {
    kind: 'symptom_duration_weeks',
    value: 17.4,
    span: span(text, '4 months of hand numbness and trouble'),
  };
  const numbness = finding(text, 'sensory_deficit', 'numbness');
  const buttons = finding(text, 'hand_clumsiness', 'trouble with buttons');

  it('cuts overlapping and crossing spans into flat segments and keeps the text intact', () => {
    const hl = highlightDocument(text, documentOf([numbness, buttons], [duration]), 'd1');
    expect(visibleText(hl.html)).toBe(text);
    expect(hl.html).not.toMatch(/<mark[^>]*>[^<]*<mark/); // never nested
    const marks = [
      ...hl.html.matchAll(/<mark class="([^"]*)"[^>]*data-m="([^"]*)"[^>]*>([^<]*)<\/mark>/g),
    ].map((m) => ({ cls: m[1]!, ids: m[2]!.split(' ').length, text: m[3]! }));
    expect(marks.map((m) => m.text)).toEqual([
      '4 months of hand ',
      'numbness',
      ' and ',
      'trouble',
      ' with buttons',
    ]);
    // The innermost span decides the colour; a segment under two spans is marked as an overlap.
    expect(marks[0]!.cls).toBe('hl a-measure');
    expect(marks[1]!.cls).toContain('a-present');
    expect(marks[1]!.cls).toContain('ov');
    expect(marks[3]).toMatchObject({ ids: 2 });
    expect(marks[4]!.cls).toBe('hl a-present');
    expect(hl.placed).toBe(3);
    expect(hl.skipped).toBe(0);
  });

  it('gives each span an anchor where it begins, and only those segments a tab stop', () => {
    const hl = highlightDocument(text, documentOf([numbness, buttons], [duration]), 'd1');
    const ids = [...hl.anchors.values()];
    expect(hl.anchors.size).toBe(3);
    for (const id of ids) expect(hl.html).toContain(`id="${id}" tabindex="0"`);
    expect(hl.html.match(/tabindex="0"/g)).toHaveLength(3);
    const n = hl.anchors.get(`${numbness.span.start}:${numbness.span.end}`)!;
    expect(hl.html).toMatch(new RegExp(`id="${n}"[^>]*>numbness</mark>`));
  });

  it('puts concept, levels, severity and cue into the tooltip data, escaped', () => {
    const t = 'Hoffmann sign: no evidence of <clonus>.';
    const neg = finding(t, 'clonus', '<clonus>', 'absent');
    neg.mentions[0]!.cues = [
      { category: 'negated', text: 'no evidence of', start: 15, end: 29, rule: 'neg' },
    ];
    const hl = highlightDocument(t, documentOf([neg]), 'd2');
    expect(hl.html).toContain('class="hl a-absent"');
    expect(hl.html).toContain('<span class="cue">no evidence of</span>');
    expect(hl.html).toContain(
      'data-tip="clonus (clonus)\nAssertion: absent\nLevels: C5-C6\nSeverity: not stated',
    );
    expect(hl.html).toContain('Cue (negation): &quot;no evidence of&quot;');
    expect(hl.html).toContain('&lt;clonus&gt;</mark>');
    expect(hl.html).not.toContain('<clonus>');
  });

  it('leaves a span that does not match the text unhighlighted and counts it', () => {
    const bad = finding(text, 'sensory_deficit', 'numbness');
    bad.mentions[0]!.span = { start: 3, end: 11, text: 'numbness' };
    const hl = highlightDocument(text, documentOf([bad]), 'd3');
    expect(hl.skipped).toBe(1);
    expect(hl.html).toBe(text);
  });
});

describe('renderReviewPage', () => {
  const { html, cases } = buildReview(fixtureDocuments(), 'dir');

  it('shows the injected markup as text and has no script but its own', () => {
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain(esc('<script>window.__pwned = 1</script>'));
    expect(visibleText(html)).toContain(INJECTION);
  });

  it('is self-contained: a CSP that allows only its own style and script, and nothing fetched', () => {
    const script = html.slice(html.lastIndexOf('<script>') + 8, html.lastIndexOf('</script>'));
    const style = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(html).toContain(`script-src &#39;sha256-${hash(script)}&#39;`);
    expect(html).toContain(`style-src &#39;sha256-${hash(style)}&#39;`);
    expect(html).toContain('default-src &#39;none&#39;');
    expect(html).not.toMatch(/\ssrc=["']|href="(https?:)?\/\/|@import|url\(/i);
  });

  it('lists cases urgent first, with counts per triage level', () => {
    const order = [...html.matchAll(/<li data-case="[^"]*" data-triage="([^"]*)"/g)].map((m) => m[1]);
    expect(order).toEqual(['urgent', 'urgent', 'conservative']);
    expect(html).toContain('Urgent: 2');
    expect(html).toContain('Conservative care: 1');
    expect(html).toMatch(/value="urgent" checked>.*\(2\)<\/label>/);
  });

  it('has the filter markup: triage boxes, warning choices with counts, a search box, data on each case', () => {
    for (const t of ['urgent', 'surgical-review', 'second-line', 'conservative', 'insufficient-data'])
      expect(html).toContain(`name="triage" value="${t}" checked`);
    expect(html).toContain('<option value="imaging-only">Imaging only (1)</option>');
    expect(html).toContain('<option value="any">Any warning (1)</option>');
    expect(html).toMatch(/<input type="search" id="f-search"/);
    expect(html).toContain('<label for="f-search">');
    expect(html).toMatch(
      /<section class="case t-conservative" id="[^"]*pt-imaging" data-triage="conservative" data-warnings="imaging-only duration-unknown"/,
    );
    expect(html).toContain('role="status" aria-live="polite"');
  });

  it('shows the imaging-only caution prominently, and links facts and reasons to their spans', () => {
    expect(html).toContain('<div class="imaging-only" role="note"');
    const imaging = cases.find((c) => c.caseId === 'pt-imaging')!;
    expect(imaging.warnings.map((w) => w.code)).toContain('imaging-only');
    const links = [...html.matchAll(/<a class="jump" href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });

  it('highlights the findings of every document in its text', () => {
    for (const [name, text] of Object.entries(FILES)) {
      const at = html.indexOf(`fixtures/${name} ·`);
      const pre = html.slice(html.indexOf('<pre class="doc-text"', at), html.indexOf('</pre>', at));
      expect(visibleText(pre.replace(/^<pre[^>]*>/, ''))).toBe(text);
      expect(pre).toContain('<mark class="hl');
    }
  });

  it('sorts by triage then case id, whatever the input order', () => {
    const base = cases[0]!;
    const mk = (caseId: string, triage: CaseResult['triage']): CaseResult => ({ ...base, caseId, triage });
    const sorted = sortCases([
      mk('b', 'conservative'),
      mk('case 10', 'urgent'),
      mk('a', 'insufficient-data'),
      mk('case 9', 'urgent'),
      mk('c', 'second-line'),
      mk('d', 'surgical-review'),
    ]);
    expect(sorted.map((c) => c.caseId)).toEqual(['case 9', 'case 10', 'd', 'c', 'b', 'a']);
    const page = renderReviewPage([mk('z', 'conservative'), mk('y', 'urgent')], () => undefined);
    expect(page.indexOf('id="case-1-y"')).toBeGreaterThan(0);
    expect(page.indexOf('id="case-2-z"')).toBeGreaterThan(page.indexOf('id="case-1-y"'));
    expect(page).toContain('The text of this document is not available.');
  });
});

describe('renderTimeline', () => {
  const { cases } = buildReview(fixtureDocuments(), 'dir');

  it('draws documents and the mJOA and pain series by date', () => {
    const c = cases.find((x) => x.caseId === 'pt-myelopathy')!;
    const { svg, undated } = renderTimeline(c, 'c1', (s) => `#doc-${s.length}`);
    expect(undated).toEqual([]);
    expect(svg).toMatch(/^<svg class="timeline"[^>]*role="img" aria-labelledby="c1-tl-title c1-tl-desc"/);
    expect(svg).toContain('>mJOA</text>');
    expect(svg).toContain('>14/18</text>');
    expect(svg).toContain('>11/18</text>');
    expect(svg).toContain('>Pain (0-10)</text>');
    expect(svg).toContain('>2025-02-03</text>');
    expect(svg).toContain('>2025-04-28</text>');
    expect(svg.match(/<polyline/g)).toHaveLength(2); // mJOA and pain have two dates each
    expect(svg).toContain('mJOA 11/18 on 2025-04-28');
  });

  it('draws nothing without dates and names the undated documents', () => {
    const c = cases.find((x) => x.caseId === 'pt-urgent')!;
    const undatedCase = { ...c, documents: c.documents.map((d) => ({ ...d, date: null })) };
    const t = renderTimeline(undatedCase, 'c2', () => '#x');
    expect(t.svg).toBe('');
    expect(t.undated).toEqual(['fixtures/pt-urgent/01-ed-note.txt']);
  });
});
