import type { DataSource } from 'typeorm';

export interface OpenFile {
  fileNumber: number;
  blobName: string;
  bytes: number;
  rowCount: number;
  /** Ids of the recorded blocks, in order. */
  blockIds: string[];
  openedAt: number;
}

export interface RecordedBlock {
  fileNumber: number;
  blockNumber: number;
  blockId: string;
  bytes: number;
  deliveryRowIds: readonly string[];
  snapshotRows: number;
}

export interface ExportProgress {
  snapshotRows: number;
  skippedRows: number;
  completedAt: number | null;
}

/** Another writer took the subscription's export up since this one did: it must not change it any more. */
export class WriterFencedError extends Error {
  constructor(subscriptionId: number) {
    super(`another writer took up the export of subscription ${subscriptionId}`);
    this.name = 'WriterFencedError';
  }
}

/**
 * The export state of subscriptions in Postgres (migrations 1765100000000-create-blob-export-state,
 * 1765460000000-fence-blob-export-writer). Every change a writer makes checks, in its own
 * transaction, that the writer still holds the subscription (`claim`).
 */
export class ExportStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Makes `writer` the subscription's only writer; whoever held it before is fenced off. */
  async claim(subscriptionId: number, writer: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO blob_export_state AS s (subscription_id, writer) VALUES ($1, $2)
       ON CONFLICT (subscription_id) DO UPDATE SET writer = EXCLUDED.writer`,
      [subscriptionId, writer],
    );
  }

  /** Throws WriterFencedError unless `writer` still holds the subscription. */
  async assertWriter(subscriptionId: number, writer: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM blob_export_state WHERE subscription_id = $1 AND writer = $2`,
      [subscriptionId, writer],
    );
    if (rows.length === 0) throw new WriterFencedError(subscriptionId);
  }

  async openFile(subscriptionId: number): Promise<OpenFile | undefined> {
    const [file]: Array<{ file_number: number; blob_name: string; bytes: string; row_count: number; opened_at: Date }> = await this.dataSource.query(
      `SELECT file_number, blob_name, bytes, row_count, opened_at FROM blob_export_files WHERE subscription_id = $1 AND status = 'open'`,
      [subscriptionId],
    );
    if (!file) return undefined;
    const blocks: Array<{ block_id: string }> = await this.dataSource.query(
      `SELECT block_id FROM blob_export_blocks WHERE subscription_id = $1 AND file_number = $2 ORDER BY block_number`,
      [subscriptionId, file.file_number],
    );
    return {
      fileNumber: file.file_number, blobName: file.blob_name, bytes: Number(file.bytes), rowCount: file.row_count,
      blockIds: blocks.map((block) => block.block_id), openedAt: file.opened_at.getTime(),
    };
  }

  /** Opens the subscription's next file; `name` turns its number and opening time into the blob name. */
  async createFile(subscriptionId: number, writer: string, name: (fileNumber: number, openedAt: Date) => string): Promise<OpenFile> {
    return this.dataSource.transaction(async (manager) => {
      const [rows]: [Array<{ file_number: number; now: Date }>, number] = await manager.query(
        `UPDATE blob_export_state SET next_file_number = next_file_number + 1 WHERE subscription_id = $1 AND writer = $2
         RETURNING next_file_number - 1 AS file_number, now() AS now`,
        [subscriptionId, writer],
      );
      const state = rows[0];
      if (!state) throw new WriterFencedError(subscriptionId);
      const blobName = name(state.file_number, state.now);
      await manager.query(
        `INSERT INTO blob_export_files (subscription_id, file_number, blob_name, status, opened_at) VALUES ($1, $2, $3, 'open', $4)`,
        [subscriptionId, state.file_number, blobName, state.now],
      );
      return { fileNumber: state.file_number, blobName, bytes: 0, rowCount: 0, blockIds: [], openedAt: state.now.getTime() };
    });
  }

  /** Of these delivery rows, the ones a recorded block already holds. */
  async alreadyWritten(subscriptionId: number, deliveryRowIds: readonly string[]): Promise<Set<string>> {
    if (deliveryRowIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT delivery_row_id::text AS id FROM blob_export_rows WHERE subscription_id = $1 AND delivery_row_id = ANY($2::bigint[])`,
      [subscriptionId, deliveryRowIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Records a staged block and the delivery rows it holds, in one transaction. A row recorded
   * before fails the whole transaction, so no row is ever recorded in two blocks.
   */
  async recordBlock(subscriptionId: number, writer: string, block: RecordedBlock): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // First, so the state row stays locked: a writer claiming the subscription meanwhile waits, then sees this block.
      const [, owned]: [unknown, number] = await manager.query(
        `UPDATE blob_export_state SET snapshot_rows = snapshot_rows + $3 WHERE subscription_id = $1 AND writer = $2`,
        [subscriptionId, writer, block.snapshotRows],
      );
      if (owned !== 1) throw new WriterFencedError(subscriptionId);
      await manager.query(
        `INSERT INTO blob_export_blocks (subscription_id, file_number, block_number, block_id, bytes, row_count) VALUES ($1, $2, $3, $4, $5, $6)`,
        [subscriptionId, block.fileNumber, block.blockNumber, block.blockId, block.bytes, block.deliveryRowIds.length],
      );
      await manager.query(
        `INSERT INTO blob_export_rows (subscription_id, delivery_row_id, file_number) SELECT $1, id, $2 FROM unnest($3::bigint[]) AS id`,
        [subscriptionId, block.fileNumber, block.deliveryRowIds],
      );
      const [, updated]: [unknown, number] = await manager.query(
        `UPDATE blob_export_files SET bytes = bytes + $3, row_count = row_count + $4, block_count = block_count + 1
          WHERE subscription_id = $1 AND file_number = $2 AND status = 'open'`,
        [subscriptionId, block.fileNumber, block.bytes, block.deliveryRowIds.length],
      );
      if (updated !== 1) throw new Error(`export file ${block.fileNumber} of subscription ${subscriptionId} is no longer open`);
    });
  }

  /**
   * The file's blob was committed with `blockCount` blocks: it is never written again, so its
   * block records go. Fails (nothing changed) when another writer holds the subscription, or when
   * a block was recorded after the list was read: the commit is then done again with every block.
   */
  async markCommitted(subscriptionId: number, writer: string, fileNumber: number, blockCount: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const owned: unknown[] = await manager.query(
        `SELECT 1 FROM blob_export_state WHERE subscription_id = $1 AND writer = $2 FOR UPDATE`,
        [subscriptionId, writer],
      );
      if (owned.length === 0) throw new WriterFencedError(subscriptionId);
      const [, updated]: [unknown, number] = await manager.query(
        `UPDATE blob_export_files SET status = 'committed', committed_at = now()
          WHERE subscription_id = $1 AND file_number = $2 AND status = 'open' AND block_count = $3`,
        [subscriptionId, fileNumber, blockCount],
      );
      if (updated !== 1) throw new Error(`export file ${fileNumber} of subscription ${subscriptionId} changed while it was committed`);
      await manager.query(`DELETE FROM blob_export_blocks WHERE subscription_id = $1 AND file_number = $2`, [subscriptionId, fileNumber]);
    });
  }

  /**
   * Forgets which rows committed files hold once the delivery framework has removed those rows
   * from its queue (they can no longer be delivered again).
   */
  async forgetDeliveredRows(subscriptionId: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM blob_export_rows r
        USING blob_export_files f
        WHERE r.subscription_id = $1 AND f.subscription_id = r.subscription_id AND f.file_number = r.file_number
          AND f.status = 'committed' AND NOT EXISTS (SELECT 1 FROM delivery_rows d WHERE d.id = r.delivery_row_id)`,
      [subscriptionId],
    );
  }

  async addSkipped(subscriptionId: number, rows: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO blob_export_state AS s (subscription_id, skipped_rows) VALUES ($1, $2)
       ON CONFLICT (subscription_id) DO UPDATE SET skipped_rows = s.skipped_rows + EXCLUDED.skipped_rows`,
      [subscriptionId, rows],
    );
  }

  async progress(subscriptionId: number): Promise<ExportProgress> {
    const [row]: Array<{ snapshot_rows: string; skipped_rows: string; completed_at: Date | null }> = await this.dataSource.query(
      `SELECT snapshot_rows, skipped_rows, completed_at FROM blob_export_state WHERE subscription_id = $1`,
      [subscriptionId],
    );
    return {
      snapshotRows: Number(row?.snapshot_rows ?? 0),
      skippedRows: Number(row?.skipped_rows ?? 0),
      completedAt: row?.completed_at ? row.completed_at.getTime() : null,
    };
  }

  async markCompleted(subscriptionId: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO blob_export_state AS s (subscription_id, completed_at) VALUES ($1, now())
       ON CONFLICT (subscription_id) DO UPDATE SET completed_at = coalesce(s.completed_at, now())`,
      [subscriptionId],
    );
  }
}
