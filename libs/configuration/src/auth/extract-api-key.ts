type Headers = Record<string, string | string[] | undefined>;

/** The key from `x-api-key`, or from `Authorization: Bearer <key>`. */
export function extractApiKey(headers: Headers): string | undefined {
  const direct = single(headers['x-api-key']);
  if (direct) return direct.trim() || undefined;
  const authorization = single(headers['authorization']);
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
