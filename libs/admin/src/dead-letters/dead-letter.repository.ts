import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE } from '@activation/service-runtime';
import { decodeCursor, likePattern, toPage, type Page, type PageRequest } from '@activation/configuration';

export interface DeadLetterRow {
  id: string;
  service: string;
  topic: string;
  partition: number;
  offset: string;
  message_key: string | null;
  payload_text: string | null;
  headers: Record<string, string>;
  reason: string;
  failed_at: Date;
  replay_status: string;
  replayed_at: Date | null;
  replay_count: number;
  replayed_by: string | null;
  replay_of: string | null;
}

export interface DeadLetterFilter {
  service?: string;
  topic?: string;
  reason?: string;
  replayStatus?: string;
  from?: Date;
  to?: Date;
}

export interface ClaimedDeadLetter {
  topic: string;
  key: string | null;
  payload: Buffer | null;
  headers: Record<string, string>;
}

/** Columns people may read: the redacted payload text, never the raw bytes. */
const READABLE = `id, service, topic, partition, "offset", message_key, payload_text, headers, reason, failed_at,
  replay_status, replayed_at, replay_count, replayed_by, replay_of`;

/** The `dead_letters` table as the admin API reads and replays it. */
@Injectable()
export class DeadLetterRepository {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** Newest first. */
  async list(filter: DeadLetterFilter, page: PageRequest): Promise<Page<DeadLetterRow>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.service) add('service = ?', filter.service);
    if (filter.topic) add('topic = ?', filter.topic);
    if (filter.reason) add('reason ILIKE ?', likePattern(filter.reason));
    if (filter.replayStatus) add('replay_status = ?', filter.replayStatus);
    if (filter.from) add('failed_at >= ?', filter.from);
    if (filter.to) add('failed_at < ?', filter.to);
    if (page.cursor !== undefined) add('id < ?', decodeCursor(page.cursor, ['number'])[0]);
    params.push(page.limit + 1);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT ${READABLE} FROM dead_letters ${where} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, page.limit, (row) => [Number(row.id)], (row) => row);
  }

  async findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<DeadLetterRow | undefined> {
    const rows: DeadLetterRow[] = await manager.query(`SELECT ${READABLE} FROM dead_letters WHERE id = $1`, [id]);
    return rows[0];
  }

  /**
   * Marks a pending dead letter replayed and returns what to publish; undefined when it is not
   * pending (already replayed, or replayed concurrently: the row lock makes the second wait and
   * then find nothing to claim). Call inside the transaction that publishes.
   */
  async claimForReplay(manager: EntityManager, id: number, replayedBy: string): Promise<ClaimedDeadLetter | undefined> {
    // For UPDATE, TypeORM's query() answers [rows, affected count].
    const [rows]: [Array<{ topic: string; message_key: string | null; payload: Buffer | null; headers: Record<string, string> }>, number] = await manager.query(
      `UPDATE dead_letters
          SET replay_status = 'replayed', replayed_at = now(), replay_count = replay_count + 1, replayed_by = $2
        WHERE id = $1 AND replay_status = 'pending'
        RETURNING topic, message_key, payload, headers`,
      [id, replayedBy],
    );
    const row = rows[0];
    return row && { topic: row.topic, key: row.message_key, payload: row.payload, headers: row.headers };
  }
}
