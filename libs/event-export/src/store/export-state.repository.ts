import type { DataSource } from 'typeorm';
import type { EventPosition } from './export-event.repository';

/** A run this replica holds the lease of. */
export interface ExportClaim {
  destinationId: string;
  owner: string;
  /** The last row the previous runs exported; absent before the first run. */
  watermark?: EventPosition;
  runs: number;
}

export interface ExportOutcome {
  watermark?: EventPosition;
  /** Absent when the export is finished. */
  nextRunAt?: Date;
  file: string;
  rows: number;
  ranAt: Date;
}

export interface ExportState {
  destinationId: string;
  watermark?: EventPosition;
  nextRunAt?: Date;
  finished: boolean;
  runs: number;
  lastRunAt?: Date;
  lastFile?: string;
  lastRows?: number;
  lastError?: string;
  /** When `lastError` was recorded. */
  lastErrorAt?: Date;
}

interface StateRow {
  destination_id: string;
  watermark_tx: string | null;
  watermark_position: string | null;
  next_run_at: Date | null;
  finished: boolean;
  runs: number;
  last_run_at: Date | null;
  last_file: string | null;
  last_rows: string | null;
  last_error: string | null;
  last_error_at: Date | null;
}

/**
 * `event_export_state`: per export, its watermark and schedule, and a lease so that one replica
 * runs it at a time. The watermark moves only in `complete`, after the file is committed.
 */
export class ExportStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a state row, due at once, for each export that has none. */
  async ensure(destinationIds: readonly string[], now: Date): Promise<void> {
    if (destinationIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO event_export_state (destination_id, next_run_at)
       SELECT id, $2 FROM destinations WHERE id = ANY($1::uuid[])
       ON CONFLICT (destination_id) DO NOTHING`,
      [destinationIds, now],
    );
  }

  /** Takes the lease of a due export that no one holds; undefined when not due or held. */
  async claim(destinationId: string, owner: string, now: Date, leaseMs: number): Promise<ExportClaim | undefined> {
    // An UPDATE answers [rows, count].
    const [rows]: [Array<{ watermark_tx: string | null; watermark_position: string | null; runs: number }>, number] = await this.dataSource.query(
      `UPDATE event_export_state
          SET lease_owner = $2, lease_until = $3::timestamptz + make_interval(secs => $4::double precision / 1000), updated_at = now()
        WHERE destination_id = $1 AND NOT finished AND next_run_at <= $3
          AND (lease_until IS NULL OR lease_until < $3)
       RETURNING watermark_tx::text AS watermark_tx, watermark_position::text AS watermark_position, runs`,
      [destinationId, owner, now, leaseMs],
    );
    const row = rows[0] as (typeof rows)[number] | undefined;
    if (!row) return undefined;
    return { destinationId, owner, runs: row.runs, ...(positionOf(row.watermark_tx, row.watermark_position)) };
  }

  /** Keeps the lease of a long run. */
  async renew(claim: ExportClaim, until: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE event_export_state SET lease_until = $3 WHERE destination_id = $1 AND lease_owner = $2`,
      [claim.destinationId, claim.owner, until],
    );
  }

  /** Records a committed file: moves the watermark, schedules the next run, releases the lease. */
  async complete(claim: ExportClaim, outcome: ExportOutcome): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE event_export_state
          SET watermark_tx = $3::xid8, watermark_position = $4::bigint, next_run_at = $5::timestamptz, finished = $5::timestamptz IS NULL,
              lease_owner = NULL, lease_until = NULL, runs = runs + 1, last_run_at = $6, last_file = $7, last_rows = $8,
              last_error = NULL, last_error_at = NULL, updated_at = now()
        WHERE destination_id = $1 AND lease_owner = $2`,
      [
        claim.destinationId, claim.owner, outcome.watermark?.tx ?? null, outcome.watermark?.position ?? null,
        outcome.nextRunAt ?? null, outcome.ranAt, outcome.file, outcome.rows,
      ],
    );
    return count === 1;
  }

  /** Records a failed run: the watermark stays, the run is tried again at `retryAt`. */
  async fail(claim: ExportClaim, error: string, retryAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE event_export_state
          SET lease_owner = NULL, lease_until = NULL, next_run_at = $3, last_error = $4, last_error_at = now(), updated_at = now()
        WHERE destination_id = $1 AND lease_owner = $2`,
      [claim.destinationId, claim.owner, retryAt, error.slice(0, 2_000)],
    );
  }

  /** Records why an export cannot run (e.g. stored settings no longer valid) without touching its schedule. */
  async note(destinationId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE event_export_state SET last_error = $2, last_error_at = now(), updated_at = now() WHERE destination_id = $1`,
      [destinationId, error.slice(0, 2_000)],
    );
  }

  async find(destinationId: string): Promise<ExportState | undefined> {
    const rows: StateRow[] = await this.dataSource.query(
      `SELECT destination_id, watermark_tx::text AS watermark_tx, watermark_position::text AS watermark_position, next_run_at,
              finished, runs, last_run_at, last_file, last_rows::text AS last_rows, last_error, last_error_at
         FROM event_export_state WHERE destination_id = $1`,
      [destinationId],
    );
    const row = rows[0] as StateRow | undefined;
    if (!row) return undefined;
    return {
      destinationId: row.destination_id,
      ...positionOf(row.watermark_tx, row.watermark_position),
      ...(row.next_run_at ? { nextRunAt: row.next_run_at } : {}),
      finished: row.finished,
      runs: row.runs,
      ...(row.last_run_at ? { lastRunAt: row.last_run_at } : {}),
      ...(row.last_file ? { lastFile: row.last_file } : {}),
      ...(row.last_rows !== null ? { lastRows: Number(row.last_rows) } : {}),
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.last_error_at ? { lastErrorAt: row.last_error_at } : {}),
    };
  }
}

function positionOf(tx: string | null, position: string | null): { watermark?: EventPosition } {
  return tx != null && position != null ? { watermark: { tx, position } } : {};
}
