import type { ApiKeyPrincipal } from '../api-keys/api-key-roles';
import { hashApiKey, isPlausibleApiKey } from '../api-keys/api-key-material';
import type { ApiKeyRepository } from '../repositories/api-key.repository';

const MAX_ENTRIES = 10_000;

/**
 * Verifies API keys against Postgres and trusts a verified key for a short time. A revocation
 * reaches every service through config-changes (`invalidate`); the TTL bounds the delay when
 * that message is late. Unknown keys are not cached, so guessing cannot fill memory.
 */
export class ApiKeyVerifier {
  private readonly verified = new Map<string, { principal: ApiKeyPrincipal; expiresAt: number }>();

  constructor(
    private readonly repository: ApiKeyRepository,
    private readonly ttlMs: number,
  ) {}

  async verify(raw: string): Promise<ApiKeyPrincipal | undefined> {
    if (!isPlausibleApiKey(raw)) return undefined;
    const hash = hashApiKey(raw);
    const now = Date.now();
    const hit = this.verified.get(hash);
    if (hit && hit.expiresAt > now) return hit.principal;
    this.verified.delete(hash);
    const key = await this.repository.findUsableByHash(hash);
    if (!key) return undefined;
    const principal: ApiKeyPrincipal = { id: key.id, name: key.name, roles: [...key.roles] };
    if (this.ttlMs > 0) {
      const oldest = this.verified.keys().next();
      if (this.verified.size >= MAX_ENTRIES && !oldest.done) this.verified.delete(oldest.value);
      this.verified.set(hash, { principal, expiresAt: Math.min(now + this.ttlMs, key.expiresAt?.getTime() ?? Infinity) });
    }
    return principal;
  }

  invalidate(keyId: string): void {
    for (const [hash, entry] of this.verified) if (entry.principal.id === keyId) this.verified.delete(hash);
  }

  clear(): void {
    this.verified.clear();
  }
}
