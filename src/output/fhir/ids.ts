/**
 * Deterministic identities for the resources of a bundle: the same input always gives the same ids, so
 * two runs produce byte-identical bundles and a server sees a re-run as the same resources.
 */
import { createHash } from 'node:crypto';
import type { DocumentReference, Extension, Reference, Resource } from '@medplum/fhirtypes';

/** Code systems of spinex's own identifiers (concept ids, measurement kinds, triage levels...). */
export const SPINEX = {
  concept: 'urn:spinex:concept',
  measurement: 'urn:spinex:measurement',
  triage: 'urn:spinex:triage',
  source: 'urn:spinex:source',
  case: 'urn:spinex:case',
  guideline: 'urn:spinex:guideline',
  /** Extension on a Reference to a DocumentReference: the character span the fact was read from. */
  span: 'urn:spinex:span',
} as const;

/** A name-based UUID (RFC 4122 version 5 layout over SHA-1) of the parts. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const fullUrl = (id: string) => `urn:uuid:${id}`;

export function ref<T extends Resource = Resource>(
  id: string,
  type: T['resourceType'],
  display?: string,
): Reference<T> {
  return { reference: fullUrl(id), type, ...(display ? { display } : {}) };
}

/** A reference to the source document, carrying the span (offsets and text) as an extension. */
export function spanRef(
  documentId: string,
  span: { start: number; end: number; text: string },
  source: string,
): Reference<DocumentReference> {
  const ext: Extension = {
    url: SPINEX.span,
    extension: [
      { url: 'start', valueInteger: span.start },
      { url: 'end', valueInteger: span.end },
      { url: 'text', valueString: span.text },
    ],
  };
  return {
    ...ref<DocumentReference>(
      documentId,
      'DocumentReference',
      `${source} [${span.start}-${span.end}]: "${span.text}"`,
    ),
    extension: [ext],
  };
}
