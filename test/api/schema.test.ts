/**
 * Real outputs validated against the JSON Schema that `spinex schema` prints (captured from the command's
 * own function), with ajv: if the zod schemas and the outputs ever drift apart, this fails.
 */

import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { printSchema } from '../../src/cli/schema.js';
import { assertSentence, ContextEngine } from '../../src/context/index.js';
import { LEXICONS } from '../helpers/lexicons.js';
import { sampleCases, sampleDocuments } from '../output/samples.js';

type Schemas = Record<'DocumentResult' | 'CaseResult' | 'AssertResult', object>;
let schemas: Schemas;
const ajv = new Ajv2020({ allErrors: true, strict: false });

beforeAll(async () => {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    expect(await printSchema()).toBe(0);
  } finally {
    write.mockRestore();
  }
  schemas = JSON.parse(out) as Schemas;
});

function check(name: keyof Schemas, value: unknown): string[] {
  if (!ajv.getSchema(name)) ajv.addSchema(schemas[name], name);
  const validate = ajv.getSchema(name)!;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('spinex schema', () => {
  it('prints draft 2020-12 schemas with descriptions at the top', () => {
    for (const name of ['DocumentResult', 'CaseResult'] as const) {
      const s = schemas[name] as { $schema: string; description?: string };
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.description).toBeTruthy();
    }
  });

  it('accepts every sample document result', async () => {
    const docs = await sampleDocuments();
    expect(docs.length).toBeGreaterThan(40);
    for (const d of docs) expect(check('DocumentResult', d), d.source).toEqual([]);
  });

  it('accepts every sample case result', async () => {
    const cases = await sampleCases();
    expect(cases.length).toBeGreaterThanOrEqual(18);
    for (const c of cases) expect(check('CaseResult', c), c.caseId).toEqual([]);
  });

  it('accepts assert results, including the error form', () => {
    const engine = ContextEngine.fromFile(join(LEXICONS, 'context.json'));
    expect(check('AssertResult', assertSentence(engine, 'No evidence of fracture.', 'fracture'))).toEqual([]);
    expect(check('AssertResult', assertSentence(engine, 'No evidence of fracture.', 'tumor'))).toEqual([]);
  });

  it('rejects a result that breaks the contract', async () => {
    const [d] = await sampleDocuments();
    expect(check('DocumentResult', { ...d, documentType: 'letter' })).not.toEqual([]);
    expect(check('DocumentResult', { ...d, findings: [{ concept: 'x' }] })).not.toEqual([]);
    const { source: _s, ...noSource } = d!;
    expect(check('DocumentResult', noSource)).not.toEqual([]);
  });
});
