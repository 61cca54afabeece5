import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECOMMENDATION_IDS, TRIAGE_LEVELS, WARNING_CODES } from '../../src/facts/case-schema.js';
import { compileGuideline, loadGuideline, readGuidelineConfig } from '../../src/guideline/index.js';
import { defaultLexiconDir } from '../../src/util/package-root.js';

const raw = () => JSON.parse(readFileSync(path.join(defaultLexiconDir(), 'guideline.json'), 'utf8'));

describe('lexicons/guideline.json', () => {
  it('is valid, versioned, and has the guideline defaults', () => {
    const g = loadGuideline();
    expect(g.spec.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(g.params).toMatchObject({ mjoaThreshold: 12, conservativeWeeks: 6 });
  });

  it('can produce every triage level, recommendation id and warning code, each with its guideline text', () => {
    const g = loadGuideline();
    expect(new Set(g.spec.triage.map((r) => r.level))).toEqual(new Set(TRIAGE_LEVELS));
    expect(new Set(g.spec.recommendations.map((r) => r.emit))).toEqual(new Set(RECOMMENDATION_IDS));
    expect(new Set(g.spec.warnings.map((r) => r.emit))).toEqual(new Set(WARNING_CODES));
    for (const r of [...g.spec.triage, ...g.spec.recommendations, ...g.spec.warnings]) {
      expect(r.guideline.length, r.id).toBeGreaterThan(10);
    }
  });

  it('rejects a rule naming a set that does not exist', () => {
    const bad = raw();
    bad.triage[0].when = { concept: '@noSuchSet' };
    expect(() => compileGuideline(bad)).toThrow(/@noSuchSet/);
  });

  it('rejects an unknown condition type', () => {
    const bad = raw();
    bad.triage[0].when = { conceptt: ['back_pain'] };
    expect(() => compileGuideline(bad)).toThrow();
  });
});

describe('--config', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spinex-config-'));
  const write = (name: string, body: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it('merges parameters over the defaults', () => {
    const config = readGuidelineConfig(write('ok.json', '{"mjoaThreshold": 11}'));
    const g = loadGuideline({ config });
    expect(g.params).toMatchObject({ mjoaThreshold: 11, conservativeWeeks: 6 });
  });

  it('names the problem in a bad file', () => {
    expect(() => readGuidelineConfig(write('typo.json', '{"mjoaThresold": 11}'))).toThrow(
      /mjoaThresold|Unrecognized/,
    );
    expect(() => readGuidelineConfig(write('str.json', '{"conservativeWeeks": "six"}'))).toThrow(
      /conservativeWeeks/,
    );
    expect(() => readGuidelineConfig(write('broken.json', '{'))).toThrow(/broken\.json/);
  });
});
