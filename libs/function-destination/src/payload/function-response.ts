export type FunctionResponse =
  | { kind: 'delivered' }
  | { kind: 'rejected-rows'; rows: Array<{ primaryKeyValue: string; reason: string }> }
  | { kind: 'invalid'; reason: string };

/**
 * Reads a 2xx response body (seed 000): empty or `{}` delivers every row; `{"errors": [...]}`
 * rejects the rows named by `primary_key_value` (string or number, compared as text) with
 * their optional `reason`; an empty `errors` array delivers everything. Anything else that is
 * not a JSON object, or an `errors` that is not such a list, cannot be read: every row of the
 * call is rejected.
 */
export function parseFunctionResponse(body: string): FunctionResponse {
  if (body.trim() === '') return { kind: 'delivered' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'response body is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'invalid', reason: 'response body is not a JSON object' };
  const errors = (json as { errors?: unknown }).errors;
  if (errors === undefined) return { kind: 'delivered' };
  if (!Array.isArray(errors)) return { kind: 'invalid', reason: '"errors" is not an array' };
  const rows: Array<{ primaryKeyValue: string; reason: string }> = [];
  for (const [index, entry] of errors.entries()) {
    const key = (entry as { primary_key_value?: unknown } | null)?.primary_key_value;
    const reason = (entry as { reason?: unknown } | null)?.reason;
    if (typeof key !== 'string' && typeof key !== 'number') return { kind: 'invalid', reason: `errors[${index}].primary_key_value is missing` };
    if (reason !== undefined && reason !== null && typeof reason !== 'string') return { kind: 'invalid', reason: `errors[${index}].reason is not a string` };
    rows.push({ primaryKeyValue: String(key), reason: reason || 'rejected by the function' });
  }
  return rows.length === 0 ? { kind: 'delivered' } : { kind: 'rejected-rows', rows };
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
