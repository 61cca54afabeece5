/**
 * Issue 5: `spinex schema` must describe every field. Walks the printed JSON Schema and lists every
 * property (and every object) without a description, so a field added without `.describe()` fails here.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseResult } from '../../src/facts/case-schema.js';
import { AssertResult, DocumentResult } from '../../src/facts/schema.js';

type Node = { [key: string]: unknown };

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(root: Node, node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = isNode(target) ? target[part] : undefined;
  return isNode(target) ? target : node;
}

function hasDescription(root: Node, node: Node): boolean {
  const own = node.description ?? resolve(root, node).description;
  return typeof own === 'string' && own.trim().length > 0;
}

/** Paths of every property and object schema that carries no description. */
function undescribed(root: Node): string[] {
  const missing: string[] = [];
  const seen = new Set<Node>();
  const walk = (node: Node, path: string): void => {
    if (seen.has(node)) return;
    seen.add(node);
    const isObject = node.type === 'object' || isNode(node.properties);
    if (isObject && !hasDescription(root, node)) missing.push(`${path} (object)`);
    if (isNode(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) {
        if (!isNode(child)) continue;
        if (!hasDescription(root, child)) missing.push(`${path}.${name}`);
        walk(resolve(root, child), `${path}.${name}`);
      }
    }
    if (isNode(node.items)) walk(resolve(root, node.items), `${path}[]`);
    if (isNode(node.additionalProperties)) walk(resolve(root, node.additionalProperties), `${path}{}`);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
      const list = node[key];
      if (!Array.isArray(list)) continue;
      for (const [i, c] of list.entries()) if (isNode(c)) walk(resolve(root, c), `${path}<${key}${i}>`);
    }
    for (const key of ['$defs', 'definitions'] as const) {
      const defs = node[key];
      if (isNode(defs)) for (const [n, d] of Object.entries(defs)) if (isNode(d)) walk(d, `#${key}/${n}`);
    }
  };
  walk(root, '');
  return missing;
}

function count(root: Node): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isNode(v)) {
      if (isNode(v.properties)) n += Object.keys(v.properties).length;
      Object.values(v).forEach(walk);
    }
  };
  walk(root);
  return n;
}

const schemas = {
  DocumentResult: z.toJSONSchema(DocumentResult) as Node,
  CaseResult: z.toJSONSchema(CaseResult) as Node,
  AssertResult: z.toJSONSchema(AssertResult) as Node,
};

describe('spinex schema descriptions', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: every field and object has a description`, () => {
      expect(count(schema)).toBeGreaterThan(3);
      expect(undescribed(schema)).toEqual([]);
    });
  }

  it('the walker notices a field without a description', () => {
    const probe = z.toJSONSchema(
      z
        .object({ a: z.string().describe('A.'), b: z.object({ c: z.number() }).describe('B.') })
        .describe('P.'),
    ) as Node;
    expect(undescribed(probe)).toEqual(['.b.c']);
  });

  it('resolves descriptions that live in $defs', () => {
    const inner = z.object({ x: z.number().describe('X.') }).describe('Inner.');
    const probe = z.toJSONSchema(z.object({ p: inner, q: inner }).describe('Outer.'), {
      reused: 'ref',
    }) as Node;
    expect(JSON.stringify(probe)).toContain('$ref');
    expect(undescribed(probe)).toEqual([]);
  });
});
