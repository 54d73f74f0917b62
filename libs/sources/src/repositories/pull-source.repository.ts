import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, toPage, type EncryptedSecrets, type Page, type PageRequest } from '@activation/configuration';
import type { PullSource, PullSourceKind, SourceMapping } from '../model/pull-source';

type Queryable = Pick<EntityManager, 'query'>;

interface PullSourceRow {
  id: string; name: string; kind: PullSourceKind; settings: Record<string, unknown>; mapping: SourceMapping;
  secrets: EncryptedSecrets; interval_seconds: number; enabled: boolean; state: Record<string, unknown>;
  next_run_at: Date; run_requested_at: Date | null; resync_requested: boolean; created_at: Date; updated_at: Date;
}

/** TypeORM answers UPDATE … RETURNING with [rows, affected]; SELECT and INSERT with the rows. */
function returned(result: unknown): PullSourceRow[] {
  const list = result as unknown[];
  return (Array.isArray(list[0]) ? list[0] : list) as PullSourceRow[];
}

const toSource = (row: PullSourceRow): PullSource => ({
  id: row.id, name: row.name, kind: row.kind, settings: row.settings, mapping: row.mapping, secrets: row.secrets,
  intervalSeconds: row.interval_seconds, enabled: row.enabled, state: row.state, nextRunAt: row.next_run_at,
  runRequestedAt: row.run_requested_at, resyncRequested: row.resync_requested, createdAt: row.created_at, updatedAt: row.updated_at,
});

export type NewPullSource = Pick<PullSource, 'id' | 'name' | 'kind' | 'settings' | 'mapping' | 'secrets' | 'intervalSeconds' | 'enabled'>;
export type PullSourceChanges = Partial<Pick<PullSource, 'name' | 'settings' | 'mapping' | 'secrets' | 'intervalSeconds' | 'enabled'>>;

const COLUMNS: Record<keyof PullSourceChanges, string> = {
  name: 'name', settings: 'settings', mapping: 'mapping', secrets: 'secrets', intervalSeconds: 'interval_seconds', enabled: 'enabled',
};
const JSON_FIELDS = new Set(['settings', 'mapping', 'secrets']);

/** Pull sources in Postgres (plain SQL: no entity registration needed by the services). */
export class PullSourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: Queryable, source: NewPullSource): Promise<PullSource> {
    const rows: PullSourceRow[] = await manager.query(
      `INSERT INTO pull_sources (id, name, kind, settings, mapping, secrets, interval_seconds, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [source.id, source.name, source.kind, JSON.stringify(source.settings), JSON.stringify(source.mapping),
        JSON.stringify(source.secrets), source.intervalSeconds, source.enabled],
    );
    return toSource(rows[0]);
  }

  async update(manager: Queryable, id: string, changes: PullSourceChanges): Promise<PullSource> {
    const fields = Object.entries(changes).filter(([, value]) => value !== undefined) as Array<[keyof PullSourceChanges, unknown]>;
    const sets = fields.map(([field], index) => `${COLUMNS[field]} = $${index + 2}`);
    const values = fields.map(([field, value]) => (JSON_FIELDS.has(field) ? JSON.stringify(value) : value));
    const rows = returned(await manager.query(
      `UPDATE pull_sources SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`, [id, ...values],
    ));
    return toSource(rows[0]);
  }

  async findById(id: string, manager: Queryable = this.dataSource.manager, lock = false): Promise<PullSource | null> {
    const rows: PullSourceRow[] = await manager.query(`SELECT * FROM pull_sources WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toSource(rows[0]) : null;
  }

  async findByName(name: string): Promise<PullSource | null> {
    const rows: PullSourceRow[] = await this.dataSource.query(`SELECT * FROM pull_sources WHERE name = $1`, [name]);
    return rows[0] ? toSource(rows[0]) : null;
  }

  /** By name (unique), so the name alone is the cursor. */
  async list(page: PageRequest): Promise<Page<PullSource>> {
    const [after] = page.cursor !== undefined ? decodeCursor(page.cursor, ['string']) : [null];
    const rows: PullSourceRow[] = await this.dataSource.query(
      `SELECT * FROM pull_sources WHERE ($1::text IS NULL OR name > $1) ORDER BY name LIMIT $2`, [after, page.limit + 1],
    );
    return toPage(rows, page.limit, (row) => [row.name], toSource);
  }

  async delete(manager: Queryable, id: string): Promise<void> {
    await manager.query(`DELETE FROM pull_sources WHERE id = $1`, [id]);
  }

  /** Asks the scheduler to run the source soon; a re-sync also starts from an empty state. */
  async requestRun(id: string, resync: boolean): Promise<PullSource | null> {
    const rows = returned(await this.dataSource.query(
      `UPDATE pull_sources SET run_requested_at = now(), resync_requested = resync_requested OR $2 WHERE id = $1 RETURNING *`, [id, resync],
    ));
    return rows[0] ? toSource(rows[0]) : null;
  }

  /**
   * Takes the lease of one source that is due (by schedule or on request), so no other
   * scheduler runs it at the same time; the request flags are consumed with it.
   */
  async claimDue(leaseSeconds: number): Promise<PullSource | null> {
    const rows = returned(await this.dataSource.query(
      `WITH due AS (
         SELECT id, run_requested_at AS requested FROM pull_sources
         WHERE enabled AND (next_run_at <= now() OR run_requested_at IS NOT NULL) AND (lease_until IS NULL OR lease_until < now())
         ORDER BY coalesce(run_requested_at, next_run_at) LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE pull_sources s SET lease_until = now() + make_interval(secs => $1), run_requested_at = NULL,
              next_run_at = now() + make_interval(secs => s.interval_seconds)
       FROM due WHERE s.id = due.id
       RETURNING s.*, due.requested AS was_requested`,
      [leaseSeconds],
    )) as Array<PullSourceRow & { was_requested: Date | null }>;
    return rows[0] ? { ...toSource(rows[0]), runRequestedAt: rows[0].was_requested } : null;
  }

  async release(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE pull_sources SET lease_until = NULL WHERE id = $1`, [id]);
  }

  async saveState(manager: Queryable, id: string, state: Record<string, unknown>): Promise<void> {
    await manager.query(`UPDATE pull_sources SET state = $2 WHERE id = $1`, [id, JSON.stringify(state)]);
  }

  /** A re-sync begins: the cursor is emptied and the request consumed. */
  async resetState(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE pull_sources SET state = '{}', resync_requested = false WHERE id = $1`, [id]);
  }
}
