import { z } from 'zod';
import { AssertResult, DocumentResult } from '../facts/schema.js';
import { openOutput } from '../output/writer.js';
import { EXIT } from './exit-codes.js';

/** JSON Schema of every output shape, generated from the zod schemas so the two never drift apart. */
export async function printSchema(): Promise<number> {
  const { CaseResult } = await import('../facts/case-schema.js');
  const out = {
    DocumentResult: z.toJSONSchema(DocumentResult),
    CaseResult: z.toJSONSchema(CaseResult),
    AssertResult: z.toJSONSchema(AssertResult),
  };
  openOutput(undefined).write(`${JSON.stringify(out, null, 2)}\n`);
  return EXIT.ok;
}
