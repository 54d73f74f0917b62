import type { DataSource, EntityManager } from 'typeorm';
import type { StagedRow } from '../model/delivery-row';
import { stagingChannel } from './staging-channel';

interface Watermark {
  subscription_id: number;
  primary_key: string;
  last_version: number;
}

export interface StagingResult {
  staged: number;
  skipped: number;
  subscriptionIds: number[];
}

/**
 * Queues routed rows in `delivery_rows`, guarded by the per-key watermark in `delivery_keys`:
 *
 * - a stream row is queued only when its membership version is newer than every version queued
 *   before for that (subscription, key), so a redelivered or older message is never sent again
 *   and versions only increase at the destination;
 * - a snapshot row is queued when its version is not older than the watermark (re-sync sends
 *   the current state again, but never behind a newer change);
 * - a replay row is queued whatever the watermark (it re-delivers on purpose; the replay pauses
 *   the subscription while it queues, see ReplayRunner);
 * - a row whose (subscription, key, version) is still queued is not queued twice.
 *
 * Values are stored as `json` (not `jsonb`, which reorders keys), so they keep the projection's field order.
 *
 * The watermark rows are locked in key order, so concurrent stagers cannot interleave on a key.
 * Dispatchers are woken by NOTIFY on commit.
 */
export class StagingRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly channel = stagingChannel(dataSource),
  ) {}

  async stage(rows: readonly StagedRow[]): Promise<StagingResult> {
    if (rows.length === 0) return { staged: 0, skipped: 0, subscriptionIds: [] };
    return this.dataSource.transaction(async (manager) => {
      const watermarks = await this.lockWatermarks(manager, rows);
      const accepted = acceptRows(rows, watermarks);
      if (accepted.length === 0) return { staged: 0, skipped: rows.length, subscriptionIds: [] };
      await this.raiseWatermarks(manager, accepted);
      const inserted: Array<{ subscription_id: number }> = await manager.query(
        `INSERT INTO delivery_rows
           (subscription_id, primary_key, membership_version, call_type, event_id, origin, replay_id, row_values, envelope, event_time)
         SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::uuid[], $6::text[], $7::bigint[], $8::json[], $9::jsonb[], $10::timestamptz[])
         ON CONFLICT (subscription_id, primary_key, membership_version) DO NOTHING
         RETURNING subscription_id`,
        [
          accepted.map((row) => row.subscriptionId),
          accepted.map((row) => row.primaryKey),
          accepted.map((row) => row.membershipVersion),
          accepted.map((row) => row.callType),
          accepted.map((row) => row.eventId),
          accepted.map((row) => row.origin),
          accepted.map((row) => row.replayId ?? null),
          accepted.map((row) => JSON.stringify(row.values)),
          accepted.map((row) => JSON.stringify(row.envelope)),
          accepted.map((row) => new Date(row.eventTime)),
        ],
      );
      const subscriptionIds = [...new Set(inserted.map((row) => row.subscription_id))];
      if (subscriptionIds.length > 0) await manager.query(`SELECT pg_notify($1, $2)`, [this.channel, subscriptionIds.join(',')]);
      return { staged: inserted.length, skipped: rows.length - inserted.length, subscriptionIds };
    });
  }

  private async lockWatermarks(manager: EntityManager, rows: readonly StagedRow[]): Promise<Map<string, number>> {
    const keys = uniqueKeys(rows);
    const found: Watermark[] = await manager.query(
      `SELECT k.subscription_id, k.primary_key, k.last_version
         FROM delivery_keys k
         JOIN unnest($1::int[], $2::text[]) AS wanted(subscription_id, primary_key)
           ON k.subscription_id = wanted.subscription_id AND k.primary_key = wanted.primary_key
        ORDER BY k.subscription_id, k.primary_key
        FOR UPDATE OF k`,
      [keys.map((key) => key.subscriptionId), keys.map((key) => key.primaryKey)],
    );
    return new Map(found.map((row) => [keyOf(row.subscription_id, row.primary_key), row.last_version]));
  }

  private async raiseWatermarks(manager: EntityManager, rows: readonly StagedRow[]): Promise<void> {
    const highest = new Map<string, StagedRow>();
    for (const row of rows) {
      const key = keyOf(row.subscriptionId, row.primaryKey);
      if ((highest.get(key)?.membershipVersion ?? -1) < row.membershipVersion) highest.set(key, row);
    }
    const list = [...highest.values()].sort((a, b) => a.subscriptionId - b.subscriptionId || compare(a.primaryKey, b.primaryKey));
    await manager.query(
      `INSERT INTO delivery_keys AS k (subscription_id, primary_key, last_version)
       SELECT * FROM unnest($1::int[], $2::text[], $3::int[])
       ON CONFLICT (subscription_id, primary_key)
       DO UPDATE SET last_version = greatest(k.last_version, EXCLUDED.last_version), updated_at = now()`,
      [list.map((row) => row.subscriptionId), list.map((row) => row.primaryKey), list.map((row) => row.membershipVersion)],
    );
  }
}

/** The watermark rule (see the class comment); rows of one key are checked in batch order. */
export function acceptRows(rows: readonly StagedRow[], watermarks: ReadonlyMap<string, number>): StagedRow[] {
  const current = new Map(watermarks);
  const accepted: StagedRow[] = [];
  for (const row of rows) {
    const key = keyOf(row.subscriptionId, row.primaryKey);
    const mark = current.get(key);
    if (row.requiresKnownKey && mark === undefined) continue;
    const ok =
      row.origin === 'replay' ||
      mark === undefined ||
      (row.origin === 'snapshot' ? row.membershipVersion >= mark : row.membershipVersion > mark);
    if (!ok) continue;
    accepted.push(row);
    current.set(key, Math.max(mark ?? 0, row.membershipVersion));
  }
  return accepted;
}

function uniqueKeys(rows: readonly StagedRow[]): Array<{ subscriptionId: number; primaryKey: string }> {
  const seen = new Map<string, { subscriptionId: number; primaryKey: string }>();
  for (const row of rows) seen.set(keyOf(row.subscriptionId, row.primaryKey), { subscriptionId: row.subscriptionId, primaryKey: row.primaryKey });
  return [...seen.values()];
}

function keyOf(subscriptionId: number, primaryKey: string): string {
  return `${subscriptionId}\u001f${primaryKey}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
