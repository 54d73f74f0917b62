import type { DataSource } from 'typeorm';

export interface LeaseGrant {
  scope: string;
  epoch: string;
}

/**
 * Leases in Postgres: a scope (one destination) belongs to one worker until `expires_at`, a
 * database time, so workers' clocks do not matter. `epoch` grows with every change of owner.
 */
export class LeaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async heartbeat(workerId: string, service: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO delivery_workers (worker_id, service, heartbeat_at) VALUES ($1, $2, now())
       ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now()`,
      [workerId, service],
    );
  }

  async liveWorkers(service: string, withinMs: number): Promise<number> {
    const [row]: Array<{ live: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS live FROM delivery_workers WHERE service = $1 AND heartbeat_at > now() - ($2::int * interval '1 millisecond')`,
      [service, withinMs],
    );
    return row.live;
  }

  async forgetWorker(workerId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM delivery_workers WHERE worker_id = $1`, [workerId]);
  }

  /** Takes the scope if it is free, expired, or already ours. */
  async acquire(scope: string, workerId: string, ttlMs: number): Promise<LeaseGrant | undefined> {
    const rows: Array<{ epoch: string }> = await this.dataSource.query(
      `INSERT INTO delivery_leases AS l (scope, owner, epoch, expires_at)
       VALUES ($1, $2, 1, now() + ($3::int * interval '1 millisecond'))
       ON CONFLICT (scope) DO UPDATE
         SET owner = EXCLUDED.owner,
             epoch = CASE WHEN l.owner = EXCLUDED.owner THEN l.epoch ELSE l.epoch + 1 END,
             expires_at = EXCLUDED.expires_at
         WHERE l.expires_at < now() OR l.owner = EXCLUDED.owner
       RETURNING epoch::text AS epoch`,
      [scope, workerId, Math.round(ttlMs)],
    );
    return rows[0] ? { scope, epoch: rows[0].epoch } : undefined;
  }

  /** Extends leases we hold, in one statement; returns the scopes still ours (the others were lost). */
  async renew(leases: ReadonlyArray<{ grant: LeaseGrant; ttlMs: number }>, workerId: string): Promise<Set<string>> {
    if (leases.length === 0) return new Set();
    // An UPDATE answers [rows, affected count] through TypeORM's query().
    const [rows]: [Array<{ scope: string }>, number] = await this.dataSource.query(
      `UPDATE delivery_leases l SET expires_at = now() + (u.ttl_ms * interval '1 millisecond')
         FROM unnest($2::text[], $3::bigint[], $4::int[]) AS u(scope, epoch, ttl_ms)
        WHERE l.scope = u.scope AND l.epoch = u.epoch AND l.owner = $1 AND l.expires_at > now()
       RETURNING l.scope`,
      [workerId, leases.map((lease) => lease.grant.scope), leases.map((lease) => lease.grant.epoch), leases.map((lease) => Math.round(lease.ttlMs))],
    );
    return new Set(rows.map((row) => row.scope));
  }

  /** Gives a lease back; nobody may take it for `quietMs` more (its calls' rate window). */
  async release(grant: LeaseGrant, workerId: string, quietMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE delivery_leases SET expires_at = least(expires_at, now() + ($4::int * interval '1 millisecond'))
        WHERE scope = $1 AND owner = $2 AND epoch = $3::bigint`,
      [grant.scope, workerId, grant.epoch, Math.round(quietMs)],
    );
  }

  /** Scopes currently held by a live lease, with their owners. */
  async holders(scopes: readonly string[]): Promise<Map<string, string>> {
    const rows: Array<{ scope: string; owner: string }> = await this.dataSource.query(
      `SELECT scope, owner FROM delivery_leases WHERE scope = ANY($1::text[]) AND expires_at > now()`,
      [scopes],
    );
    return new Map(rows.map((row) => [row.scope, row.owner]));
  }
}
