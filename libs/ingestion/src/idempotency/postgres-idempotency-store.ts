import type { DataSource, QueryRunner } from 'typeorm';
import type { IdempotencyClaim, IdempotencyStore, IdempotentOutcome, StoredResponse, WorkResult } from './idempotency-store';

export interface PostgresIdempotencyOptions {
  /** How long a stored response is replayed. */
  ttlMs: number;
  /** Longest wait for a concurrent request holding the same key. */
  waitMs: number;
}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The claim is an INSERT in a transaction that stays open while the work publishes, and commits
 * together with the response. A concurrent request's INSERT of the same key blocks on that row
 * until the first commits (then it replays the stored response) or rolls back (then it claims
 * the key itself). A crashed process's connection drops, which rolls back its claim: no key is
 * ever stuck "in progress". Expired rows are taken over by the next claim and purged in bulk.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: PostgresIdempotencyOptions,
  ) {}

  async execute(claim: IdempotencyClaim, work: () => Promise<WorkResult>): Promise<IdempotentOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.options.waitMs))}`);
      const claimed = await this.claim(runner, claim);
      if (claimed === 'busy') {
        await runner.rollbackTransaction();
        return { kind: 'in-progress' };
      }
      if (!claimed) {
        const stored = await this.read(runner, claim);
        await runner.rollbackTransaction();
        if (!stored) return { kind: 'in-progress' };
        return stored.requestHash === claim.requestHash ? { kind: 'replayed', response: stored.response } : { kind: 'mismatch' };
      }
      const result = await work();
      if (result.store) {
        await runner.query(
          `UPDATE ingest_idempotency_keys SET response_status = $3, response_body = $4
            WHERE scope = $1 AND idempotency_key = $2`,
          [claim.scope, claim.key, result.response.status, JSON.stringify(result.response.body)],
        );
        await runner.commitTransaction();
      } else {
        await runner.rollbackTransaction();
      }
      return { kind: 'executed', response: result.response };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async purgeExpired(limit = 5_000): Promise<number> {
    const rows: Array<{ count: number }> = await this.dataSource.query(
      `WITH deleted AS (
         DELETE FROM ingest_idempotency_keys WHERE ctid IN (
           SELECT ctid FROM ingest_idempotency_keys WHERE expires_at < now() LIMIT $1)
         RETURNING 1)
       SELECT count(*)::int AS count FROM deleted`,
      [limit],
    );
    return rows[0]?.count ?? 0;
  }

  /** True when this transaction now holds the key; 'busy' when waiting for its holder timed out. */
  private async claim(runner: QueryRunner, claim: IdempotencyClaim): Promise<boolean | 'busy'> {
    try {
      const result = await runner.query(
        `INSERT INTO ingest_idempotency_keys (scope, idempotency_key, request_hash, expires_at)
         VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
         ON CONFLICT (scope, idempotency_key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, expires_at = EXCLUDED.expires_at, created_at = now(),
               response_status = NULL, response_body = NULL
           WHERE ingest_idempotency_keys.expires_at < now()
         RETURNING 1 AS claimed`,
        [claim.scope, claim.key, claim.requestHash, this.options.ttlMs],
        true,
      );
      return (result as { records: unknown[] }).records.length > 0;
    } catch (error) {
      if ((error as { driverError?: { code?: string }; code?: string }).driverError?.code === LOCK_NOT_AVAILABLE) return 'busy';
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) return 'busy';
      throw error;
    }
  }

  private async read(runner: QueryRunner, claim: IdempotencyClaim): Promise<{ requestHash: string; response: StoredResponse } | undefined> {
    const rows: Array<{ request_hash: string; response_status: number | null; response_body: string | null }> =
      await runner.query(
        `SELECT request_hash, response_status, response_body FROM ingest_idempotency_keys WHERE scope = $1 AND idempotency_key = $2`,
        [claim.scope, claim.key],
      );
    const row = rows[0];
    if (!row || row.response_status === null || row.response_body === null) return undefined;
    return {
      requestHash: row.request_hash,
      response: { status: row.response_status, body: JSON.parse(row.response_body) as Record<string, unknown> },
    };
  }
}
