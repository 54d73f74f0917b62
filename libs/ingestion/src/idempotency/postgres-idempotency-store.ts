import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { IdempotencyClaim, IdempotencyStore, IdempotentOutcome, StoredResponse, WorkResult } from './idempotency-store';

export interface PostgresIdempotencyOptions {
  /** How long a stored response is replayed. */
  ttlMs: number;
  /** Longest wait for a concurrent request holding the same key. */
  waitMs: number;
  /**
   * How long a claim holds the key unless renewed: the holder renews it every third of this while
   * its work runs, so only a crashed holder's claim lapses, after at most this long.
   */
  leaseMs: number;
  /** Told when a holder's claim lapsed before it stored its answer (a retry may have run the work too). */
  onLeaseLost?: (claim: IdempotencyClaim) => void;
}

/** Poll intervals while another request holds the key: quick at first, then steady. */
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;

interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: string | null;
}

/**
 * A claim is a committed row with no response yet, a token only its holder knows, and an
 * `expires_at` at the end of its lease; the holder then runs the work with no transaction open,
 * renewing the lease meanwhile, and stores the response (the row now expires after the TTL) or
 * deletes its claim. A concurrent
 * request with the same key polls until the response is stored (then replays it), the claim is
 * deleted (then claims the key itself) or its wait runs out. A crashed holder's claim lapses when
 * its lease ends. Expired rows are taken over by the next claim and purged in bulk.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: PostgresIdempotencyOptions,
  ) {}

  async execute(claim: IdempotencyClaim, work: () => Promise<WorkResult>): Promise<IdempotentOutcome> {
    const deadline = Date.now() + this.options.waitMs;
    for (let poll = FIRST_POLL_MS; ; poll = Math.min(poll * 2, MAX_POLL_MS)) {
      const token = await this.claim(claim);
      if (token) return this.run(claim, token, work);
      const row = await this.read(claim);
      if (row && row.request_hash !== claim.requestHash) return { kind: 'mismatch' };
      if (row && row.response_status !== null && row.response_body !== null) {
        return { kind: 'replayed', response: toResponse(row.response_status, row.response_body) };
      }
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'in-progress' };
      // No row: the holder just deleted its claim, so claiming again at once may win it.
      if (row) await new Promise((resolve) => setTimeout(resolve, Math.min(poll, left)));
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

  private async run(claim: IdempotencyClaim, token: string, work: () => Promise<WorkResult>): Promise<IdempotentOutcome> {
    const renewal = setInterval(() => void this.renew(claim, token).catch(() => undefined), Math.max(1, this.options.leaseMs / 3));
    let result: WorkResult;
    try {
      result = await work();
    } catch (error) {
      // The work's error is the one to report; a claim left behind lapses with its lease.
      await this.release(claim, token).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(renewal);
    }
    if (result.store) {
      const stored = await this.holding(
        `UPDATE ingest_idempotency_keys
            SET response_status = $4, response_body = $5, claim_token = NULL,
                expires_at = now() + $6 * interval '1 millisecond'
          WHERE scope = $1 AND idempotency_key = $2 AND claim_token = $3`,
        [claim.scope, claim.key, token, result.response.status, JSON.stringify(result.response.body), this.options.ttlMs],
      );
      if (!stored) this.options.onLeaseLost?.(claim);
    } else {
      await this.release(claim, token);
    }
    return { kind: 'executed', response: result.response };
  }

  /** Extends the holder's lease; false when the claim is no longer its own. */
  private renew(claim: IdempotencyClaim, token: string): Promise<boolean> {
    return this.holding(
      `UPDATE ingest_idempotency_keys SET expires_at = now() + $4 * interval '1 millisecond'
        WHERE scope = $1 AND idempotency_key = $2 AND claim_token = $3`,
      [claim.scope, claim.key, token, this.options.leaseMs],
    );
  }

  /** Runs a token-guarded UPDATE; true when it changed the holder's row. */
  private async holding(update: string, parameters: unknown[]): Promise<boolean> {
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `WITH changed AS (${update} RETURNING 1) SELECT count(*)::int AS n FROM changed`,
      parameters,
    );
    return (row?.n ?? 0) > 0;
  }

  /** The new claim's token when this request now holds the key; null when another row holds it. */
  private async claim(claim: IdempotencyClaim): Promise<string | null> {
    const token = randomUUID();
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO ingest_idempotency_keys (scope, idempotency_key, request_hash, claim_token, expires_at)
       VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
       ON CONFLICT (scope, idempotency_key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, claim_token = EXCLUDED.claim_token,
             expires_at = EXCLUDED.expires_at, created_at = now(), response_status = NULL, response_body = NULL
         WHERE ingest_idempotency_keys.expires_at < now()
       RETURNING 1 AS claimed`,
      [claim.scope, claim.key, claim.requestHash, token, this.options.leaseMs],
    );
    return rows.length > 0 ? token : null;
  }

  /** Frees the key, unless the claim lapsed and another request holds it now. */
  private async release(claim: IdempotencyClaim, token: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM ingest_idempotency_keys WHERE scope = $1 AND idempotency_key = $2 AND claim_token = $3`,
      [claim.scope, claim.key, token],
    );
  }

  private async read(claim: IdempotencyClaim): Promise<KeyRow | undefined> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT request_hash, response_status, response_body FROM ingest_idempotency_keys
        WHERE scope = $1 AND idempotency_key = $2 AND expires_at >= now()`,
      [claim.scope, claim.key],
    );
    return rows[0];
  }
}

function toResponse(status: number, body: string): StoredResponse {
  return { status, body: JSON.parse(body) as Record<string, unknown> };
}
