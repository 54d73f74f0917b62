import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { StagingRepository } from '@activation/delivery';
import {
  createTestSchema, spawnTs, startAzurite, testDatabaseUrl, waitFor, type RunningAzurite, type TestSchema, type TsProcess,
} from '@activation/testing';
import { memberRow, type ExportSubscriptionSpec } from '../testing/export-fixtures';
import { readExports } from '../testing/read-exports';

const ROWS = 8_000;
const MAX_FILE_BYTES = 8_192;

/**
 * A real export process is killed mid-export, twice: once the moment a call's rows were staged
 * and recorded but before the framework acknowledged them, once at an arbitrary moment. After a
 * third process resumes, the committed files hold every row exactly once.
 */
describe('Blob export after a crash (child processes, Azurite, Postgres)', () => {
  let azurite: RunningAzurite;
  let schema: TestSchema;

  beforeAll(async () => {
    [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
  });
  afterAll(async () => {
    await schema?.drop();
    await azurite?.stop();
  });

  async function explained<T>(process: TsProcess, wait: () => Promise<T>): Promise<T> {
    try {
      return await wait();
    } catch (error) {
      throw new Error(`${(error as Error).message}; the export process printed:\n${process.output()}`);
    }
  }

  const count = async (sql: string, parameters: unknown[]) => Number((await schema.dataSource.query(sql, parameters))[0].n);

  it('committed files have no duplicated or missing rows after resume', async () => {
    const spec: ExportSubscriptionSpec = {
      id: 77, connectionString: azurite.connectionString, container: `crash-${randomBytes(4).toString('hex')}`,
      settings: { format: 'csv', gzip: true, maxFileBytes: MAX_FILE_BYTES, flushIntervalMs: 1_000 },
    };
    await new StagingRepository(schema.dataSource).stage(Array.from({ length: ROWS }, (_, index) => memberRow(spec.id, index + 1)));
    const run = (extra: Record<string, string> = {}): TsProcess =>
      spawnTs('libs/blob-export/src/testing/export-child.ts', {
        DATABASE_URL: testDatabaseUrl(), SCHEMA: schema.name, WORKER_ID: 'crash-spec-worker', SUBSCRIPTION: JSON.stringify(spec), ...extra,
      });
    const unacknowledged = () => count(
      `SELECT count(*) AS n FROM blob_export_rows r JOIN delivery_rows d ON d.id = r.delivery_row_id WHERE r.subscription_id = $1`, [spec.id],
    );
    const recordedRows = () => count(`SELECT coalesce(sum(row_count), 0) AS n FROM blob_export_files WHERE subscription_id = $1`, [spec.id]);

    // 1. Dies right after its second call returned: rows recorded in blocks, not acknowledged.
    const first = run({ CRASH_AFTER_CALLS: '2' });
    const firstExit = await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(firstExit).toBeNull();
    expect(await unacknowledged()).toBeGreaterThan(0);
    const rowsAfterFirst = await recordedRows();

    // 2. Killed at an arbitrary moment once it has written more.
    const second = run();
    await explained(second, () => waitFor(async () => (await recordedRows()) > rowsAfterFirst, 120_000, 'the second process writing rows'));
    second.child.kill('SIGKILL');
    await second.exited;
    const queuedAfterCrashes = await count(`SELECT count(*) AS n FROM delivery_rows WHERE subscription_id = $1`, [spec.id]);
    expect(queuedAfterCrashes).toBeGreaterThan(0);

    // 3. Resumes and finishes; the flush interval commits the last file.
    const third = run();
    try {
      await explained(third, () => waitFor(async () => {
        const queued = await count(`SELECT count(*) AS n FROM delivery_rows WHERE subscription_id = $1`, [spec.id]);
        const open = await count(`SELECT count(*) AS n FROM blob_export_files WHERE subscription_id = $1 AND status = 'open' AND block_count > 0`, [spec.id]);
        return queued === 0 && open === 0;
      }, 120_000, 'the export to finish'));
    } finally {
      third.child.kill('SIGTERM');
      await third.exited;
    }

    const files = await readExports(azurite.connectionString, spec.container, 'exports/');
    const committed = await count(`SELECT count(*) AS n FROM blob_export_files WHERE subscription_id = $1 AND status = 'committed'`, [spec.id]);
    expect(files).toHaveLength(committed);
    const seen = new Map<string, number>();
    for (const file of files) {
      expect(file.size).toBeLessThanOrEqual(MAX_FILE_BYTES);
      const [header, ...rows] = parse(file.text) as string[][];
      expect(header[0]).toBe('_profile_id');
      for (const row of rows) seen.set(row[0], (seen.get(row[0]) ?? 0) + 1);
    }
    const duplicated = [...seen].filter(([, times]) => times > 1);
    const missing = Array.from({ length: ROWS }, (_, index) => `p-${String(index + 1).padStart(6, '0')}`).filter((id) => !seen.has(id));
    expect(duplicated).toEqual([]);
    expect(missing).toEqual([]);
    expect(seen.size).toBe(ROWS);
  });
});
