import { pathCovers } from './sas-token';

/** The claims one AMQP connection has proven through `$cbs` put-token: entity path -> expiry. */
export class ConnectionGrants {
  private readonly grants = new Map<string, number>();

  grant(path: string, expiresAtMs: number): void {
    this.grants.set(path, expiresAtMs);
  }

  /** Whether an unexpired claim covers this entity path (a claim on `hub` covers `hub/partitions/0`). */
  covers(entityPath: string, nowMs: number): boolean {
    for (const [path, expiresAtMs] of this.grants) {
      if (expiresAtMs > nowMs && pathCovers(path, entityPath)) return true;
    }
    return false;
  }
}
