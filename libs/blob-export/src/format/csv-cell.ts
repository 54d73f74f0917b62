/**
 * One CSV cell (seed 004): array items joined by `join`, map fields URL-encoded
 * (`key=value&...`), empty for null; other values as text.
 */
export function csvCell(value: unknown, join: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => scalarText(item)).join(join);
  if (typeof value === 'object') {
    const params = new URLSearchParams();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) params.append(key, scalarText(item));
    return params.toString();
  }
  return scalarText(value);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
