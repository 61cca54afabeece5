/**
 * Loads lexicons/guideline.json once: zod-validated, set and rule references checked, parameters
 * merged with a `--config` file, and the case-stage word lists compiled.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseSettings } from '../case/build.js';
import { type CaseLanguage, compileLanguage } from '../case/language.js';
import { parseLexiconFile } from '../util/lexicon-memo.js';
import { defaultLexiconDir } from '../util/package-root.js';
import { type Condition, GuidelineConfig, GuidelineSpec, type Params } from './schema.js';

export const GUIDELINE_FILE = 'guideline.json';

export interface Guideline {
  spec: GuidelineSpec;
  params: Params;
  language: CaseLanguage;
  settings: CaseSettings;
}

function* conditionsOf(c: Condition): Generator<Condition> {
  yield c;
  if ('all' in c) for (const x of c.all) yield* conditionsOf(x);
  else if ('any' in c) for (const x of c.any) yield* conditionsOf(x);
  else if ('not' in c) yield* conditionsOf(c.not);
}

/** Every `@set`, `$param` and `fired` rule id must exist: a typo would silently never fire. */
function checkReferences(spec: GuidelineSpec): void {
  const problems: string[] = [];
  const triageIds = new Set(spec.triage.map((r) => r.id));
  const refs = (v: unknown, where: string) => {
    if (typeof v === 'string' && v.startsWith('@') && !(v.slice(1) in spec.sets))
      problems.push(`${where}: ${v}`);
    if (typeof v === 'string' && v.startsWith('$') && !(v.slice(1) in spec.params))
      problems.push(`${where}: ${v}`);
  };
  for (const rule of [...spec.triage, ...spec.recommendations, ...spec.warnings]) {
    for (const c of conditionsOf(rule.when)) {
      for (const v of Object.values(c)) {
        refs(v, rule.id);
        if (v && typeof v === 'object' && !Array.isArray(v))
          for (const w of Object.values(v)) refs(w, rule.id);
      }
      if ('fired' in c)
        for (const id of c.fired) if (!triageIds.has(id)) problems.push(`${rule.id}: fired ${id}`);
    }
  }
  for (const level of spec.triageOrder) {
    if (!spec.triage.some((r) => r.level === level)) problems.push(`no triage rule for ${level}`);
  }
  if (problems.length > 0) throw new Error(`guideline: unknown references: ${problems.join('; ')}`);
}

function set(spec: GuidelineSpec, name: string): string[] {
  const s = spec.sets[name];
  if (!s) throw new Error(`guideline: missing set @${name}`);
  return s;
}

const JITLESS = { jitless: true } as const;

export function compileGuideline(raw: unknown, config: GuidelineConfig = {}): Guideline {
  // Parsed once per guideline: zod's JIT would cost more than it saves (see util/warm-parse.ts).
  return compileSpec(GuidelineSpec.parse(raw, JITLESS), config);
}

/** `compileGuideline` of a spec already parsed (loadGuideline parses each file once). */
function compileSpec(spec: GuidelineSpec, config: GuidelineConfig): Guideline {
  checkReferences(spec);
  return {
    spec,
    params: { ...spec.params, ...GuidelineConfig.parse(config, JITLESS) },
    language: compileLanguage(spec.language),
    settings: {
      spineClinical: set(spec, 'spineClinical'),
      conservativeTreatments: set(spec, 'conservativeTreatments'),
      treatmentFailure: 'treatment_failure',
    },
  };
}

const cache = new Map<string, GuidelineSpec>();

/** Load (once per folder) and compile the guideline, with `config` parameters over its defaults. */
export function loadGuideline(opts: { lexiconDir?: string; config?: GuidelineConfig } = {}): Guideline {
  const dir = opts.lexiconDir ?? defaultLexiconDir();
  let raw = cache.get(dir);
  if (!raw) {
    const file = path.join(dir, GUIDELINE_FILE);
    const parsed = parseLexiconFile(GUIDELINE_FILE, readFileSync(file, 'utf8'), GuidelineSpec);
    if (!parsed.success) throw parsed.error;
    raw = parsed.data;
    cache.set(dir, raw);
  }
  return compileSpec(raw, opts.config ?? {});
}

/** Read a `--config FILE`: JSON parameters (e.g. `{"mjoaThreshold": 11}`), validated. */
export function readGuidelineConfig(file: string): GuidelineConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`--config ${file}: ${(e as Error).message}`);
  }
  const parsed = GuidelineConfig.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `--config ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
