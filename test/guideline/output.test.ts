import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseResult } from '../../src/facts/case-schema.js';
import { reaches } from '../../src/guideline/index.js';
import { formatBatchSummary, formatCaseText } from '../../src/output/case-text.js';
import { clinic, f, m, radiology } from '../case/builder.js';
import { run } from './helpers.js';

const imagingOnly = () =>
  run([
    radiology('mri-lumbar.txt', 'mri', '2024-01-10')
      .say('impression', 'Multilevel spondylosis with mild L2 height loss.', [
        f('spondylosis', 'Multilevel spondylosis', { multilevel: true }),
        f('vertebral_height_loss', 'mild L2 height loss', { levels: ['L2'], severity: 'mild' }),
      ])
      .build(),
  ]);

describe('text summary', () => {
  it('triage first, then why, recommendations, warnings with the caution, facts with sources', () => {
    const text = formatCaseText(imagingOnly());
    const lines = text.split('\n');
    expect(lines[1]).toBe('TRIAGE: CONSERVATIVE');
    const order = ['Why:', 'Recommendations:', 'Warnings:', 'Facts:'].map((h) => lines.indexOf(h));
    expect(order.every((x, i) => x > 1 && (i === 0 || x > order[i - 1]!))).toBe(true);
    expect(text).toMatch(/CAUTION: Imaging only: this case has no clinic note/);
    expect(text).toContain('! imaging-only');
    expect(text).toMatch(/vertebral_height_loss\s+present\s+L2\s+mri-lumbar\.txt/);
    expect(lines.length).toBeLessThan(50);
  });

  it('marks conflicting facts in the table', () => {
    const c = run([
      clinic('a.txt', '2024-01-01')
        .say('hpi', 'Sciatica for 2 weeks.', [
          f('radiculopathy', 'Sciatica'),
          m('symptom_duration_weeks', 2, 'for 2 weeks'),
        ])
        .build(),
      clinic('b.txt', '2023-12-01')
        .say('hpi', 'No sciatica.', [f('radiculopathy', 'sciatica', { assertion: 'absent' })])
        .build(),
    ]);
    expect(formatCaseText(c)).toMatch(/radiculopathy\s+present\*/);
  });
});

describe('CaseResult schema', () => {
  it('every result validates and exports as JSON Schema', () => {
    expect(() => CaseResult.parse(imagingOnly())).not.toThrow();
    const schema = z.toJSONSchema(CaseResult) as { required: string[] };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'caseId',
        'sources',
        'triage',
        'recommendations',
        'warnings',
        'facts',
        'documents',
      ]),
    );
  });

  it('every recommendation and warning says because, with sourced evidence', () => {
    const c = imagingOnly();
    for (const item of [...c.recommendations, ...c.warnings]) {
      expect(item.because.length).toBeGreaterThan(0);
      for (const e of item.evidence) {
        expect(e.rule).not.toBe('');
        expect(e.source).toBe('mri-lumbar.txt');
      }
    }
  });
});

describe('batch helpers', () => {
  it('fail-on: a case reaches its level and every less pressing one', () => {
    expect(reaches('urgent', 'second-line')).toBe(true);
    expect(reaches('second-line', 'second-line')).toBe(true);
    expect(reaches('conservative', 'second-line')).toBe(false);
    expect(reaches('second-line', 'surgical-review')).toBe(false);
  });

  it('summary counts cases per triage level and documents', () => {
    const s = formatBatchSummary([imagingOnly(), imagingOnly()], 2, 0);
    expect(s).toContain('2 case(s)');
    expect(s).toContain('conservative 2');
    expect(s).toContain('2 document(s) read, 0 with errors');
  });
});
