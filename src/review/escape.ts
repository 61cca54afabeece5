/**
 * Escaping for the review page. Every string that comes from a document, a file name or a result goes
 * through one of these before it reaches the HTML: a report that contains `<script>` must show as text.
 */

const HTML: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text content and attribute values (quotes are escaped too, so one function serves both). */
export function esc(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** A fragment identifier made only of safe characters, unique per input string within a page. */
export function slug(value: string): string {
  const base = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return base || 'case';
}

/** The last path segment, for showing a source without its folders. */
export function baseName(source: string): string {
  const parts = source.split(/[\\/]/);
  return parts[parts.length - 1] || source;
}
