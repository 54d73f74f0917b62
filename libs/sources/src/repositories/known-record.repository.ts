import type { DataSource, EntityManager } from 'typeorm';
import type { KnownRecord, KnownRecords } from '../engine/prepare-page';

type Queryable = Pick<EntityManager, 'query'>;

interface RecordRow { entity: string; record_key: string; profile_id: string; content_hash: string; deleted: boolean; seen_marker: string | null }

const toRecord = (row: RecordRow): KnownRecord => ({
  entity: row.entity, recordKey: row.record_key, profileId: row.profile_id, contentHash: row.content_hash, deleted: row.deleted, seenMarker: row.seen_marker,
});

/** The records each source imported (key → profile), for deletes, soft deletes and diffs. */
export class KnownRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  of(sourceId: string): KnownRecords {
    return {
      find: async (entity, recordKey) => {
        const rows: RecordRow[] = await this.dataSource.query(
          `SELECT * FROM pull_source_records WHERE source_id = $1 AND entity = $2 AND record_key = $3`, [sourceId, entity, recordKey],
        );
        return rows[0] ? toRecord(rows[0]) : undefined;
      },
      live: async (entity) => {
        const rows: RecordRow[] = await this.dataSource.query(
          `SELECT * FROM pull_source_records WHERE source_id = $1 AND entity = $2 AND NOT deleted`, [sourceId, entity],
        );
        return rows.map(toRecord);
      },
      findMany: async (entity, recordKeys) => {
        const rows: RecordRow[] = await this.dataSource.query(
          `SELECT * FROM pull_source_records WHERE source_id = $1 AND entity = $2 AND record_key = ANY($3::text[])`, [sourceId, entity, recordKeys],
        );
        return rows.map(toRecord);
      },
      unseen: async (entity, marker) => {
        const rows: RecordRow[] = await this.dataSource.query(
          `SELECT * FROM pull_source_records WHERE source_id = $1 AND entity = $2 AND NOT deleted AND seen_marker IS DISTINCT FROM $3`,
          [sourceId, entity, marker],
        );
        return rows.map(toRecord);
      },
    };
  }

  async save(manager: Queryable, sourceId: string, records: KnownRecord[]): Promise<void> {
    const CHUNK = 1_000;
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK);
      await manager.query(
        `INSERT INTO pull_source_records (source_id, entity, record_key, profile_id, content_hash, deleted, seen_marker)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])
         ON CONFLICT (source_id, entity, record_key)
         DO UPDATE SET profile_id = excluded.profile_id, content_hash = excluded.content_hash, deleted = excluded.deleted,
                       seen_marker = coalesce(excluded.seen_marker, pull_source_records.seen_marker)`,
        [sourceId, chunk.map((r) => r.entity), chunk.map((r) => r.recordKey), chunk.map((r) => r.profileId),
          chunk.map((r) => r.contentHash), chunk.map((r) => r.deleted), chunk.map((r) => r.seenMarker ?? null)],
      );
    }
  }
}
