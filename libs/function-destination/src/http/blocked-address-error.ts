/** A connection the address policy refused; never retried into success, so it is reported as such. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_BLOCKED_ADDRESS';

  constructor(
    readonly host: string,
    reason: string,
  ) {
    super(`refused to connect to ${host}: ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

export function findBlockedAddressError(error: unknown): BlockedAddressError | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof BlockedAddressError) return current;
    if ((current as { code?: unknown }).code === 'ERR_BLOCKED_ADDRESS') return current as BlockedAddressError;
    const aggregate = (current as { errors?: unknown[] }).errors;
    const inner = aggregate?.map(findBlockedAddressError).find(Boolean);
    if (inner) return inner;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
