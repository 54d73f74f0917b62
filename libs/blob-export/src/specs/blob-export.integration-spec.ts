import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';
import { parse } from 'csv-parse/sync';
import { StagingRepository, initialSyncRequestId } from '@activation/delivery';
import { createTestSchema, startAzurite, testDatabaseUrl, waitFor, type RunningAzurite, type TestSchema } from '@activation/testing';
import { exportSubscription, memberRow, type ExportSubscriptionSpec } from '../testing/export-fixtures';
import { startExportEngine, type RunningExportEngine } from '../testing/export-engine';
import { readExports } from '../testing/read-exports';

describe('Blob audience export (Azurite, Postgres)', () => {
  let azurite: RunningAzurite;
  let schema: TestSchema;
  let engine: RunningExportEngine | undefined;
  let nextId = 1;

  beforeAll(async () => {
    [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
  });
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
  });
  afterAll(async () => {
    await schema?.drop();
    await azurite?.stop();
  });

  async function exportRows(settings: Record<string, unknown>, rows: number, extra: Partial<ExportSubscriptionSpec> = {}) {
    const spec: ExportSubscriptionSpec = {
      id: nextId++, connectionString: azurite.connectionString, container: `exports-${randomBytes(4).toString('hex')}`, settings, ...extra,
    };
    engine = await startExportEngine({
      databaseUrl: testDatabaseUrl(), schema: schema.name, workerId: `spec-${spec.id}`, subscriptions: [exportSubscription(spec)],
    });
    await new StagingRepository(schema.dataSource).stage(Array.from({ length: rows }, (_, index) => memberRow(spec.id, index + 1)));
    return spec;
  }

  const queued = async (subscriptionId: number) =>
    Number((await schema.dataSource.query(`SELECT count(*) AS n FROM delivery_rows WHERE subscription_id = $1`, [subscriptionId]))[0].n);
  const delivered = (subscriptionId: number) => waitFor(async () => (await queued(subscriptionId)) === 0, 60_000, 'rows delivered');
  const profileIds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `p-${String(from + index).padStart(6, '0')}`);

  it('writes JSON lines, invisible until the file is committed', async () => {
    const spec = await exportRows({ format: 'jsonl', flushIntervalMs: 3_600_000 }, 40);
    await delivered(spec.id);
    // Every row is in recorded, staged blocks, but no reader sees a file yet.
    expect(await readExports(azurite.connectionString, spec.container, 'exports/')).toEqual([]);
    await engine!.stop();
    engine = undefined;
    const files = await readExports(azurite.connectionString, spec.container, 'exports/');
    expect(files).toHaveLength(1);
    expect(files[0].name).toMatch(new RegExp(`^exports/${spec.id}-\\d{8}T\\d{6}Z-000001\\.jsonl$`));
    const lines = files[0].text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line._profile_id)).toEqual(profileIds(1, 40));
    expect(lines[2]).toEqual({
      _profile_id: 'p-000003', _event: 'enter', _timestamp: new Date(1_772_000_000_003).toISOString(),
      email: 'p-000003@example.com', tags: ['a', 't3'], attributes: { tier: 'gold', 'home city': 'Łódź' },
    });
  });

  it('writes CSV with its delimiter and join, rolls over at the size limit, closes on the flush interval', async () => {
    const spec = await exportRows({ format: 'csv', delimiter: ';', join: '|', maxFileBytes: 2_048, flushIntervalMs: 1_000, filePrefix: 'vip-' }, 200);
    await delivered(spec.id);
    const files = await waitFor(async () => {
      const read = await readExports(azurite.connectionString, spec.container, 'exports/');
      const rows = read.reduce((sum, file) => sum + file.text.trimEnd().split('\n').length - 1, 0);
      return rows === 200 ? read : undefined;
    }, 30_000, 'every row in committed files');
    expect(files.length).toBeGreaterThan(5);
    const all: string[][] = [];
    files.forEach((file, index) => {
      expect(file.name).toMatch(new RegExp(`^exports/vip-${spec.id}-\\d{8}T\\d{6}Z-${String(index + 1).padStart(6, '0')}\\.csv$`));
      expect(file.size).toBeLessThanOrEqual(2_048);
      const [header, ...rows] = parse(file.text, { delimiter: ';' }) as string[][];
      expect(header).toEqual(['_profile_id', '_event', '_timestamp', 'email', 'tags', 'attributes']);
      all.push(...rows);
    });
    // Full files were closed by size: a next row would not have fitted.
    for (const file of files.slice(0, -1)) expect(file.size).toBeGreaterThan(2_048 - 120);
    expect(all.map((row) => row[0])).toEqual(profileIds(1, 200));
    expect(all[4]).toEqual(['p-000005', 'enter', new Date(1_772_000_000_005).toISOString(), 'p-000005@example.com', 'a|t5', 'tier=gold&home+city=%C5%81%C3%B3d%C5%BA']);
  });

  it('gzips files, each within the size limit', async () => {
    const spec = await exportRows({ format: 'jsonl', gzip: true, maxFileBytes: 4_096, flushIntervalMs: 1_000 }, 1_500);
    await delivered(spec.id);
    const files = await waitFor(async () => {
      const read = await readExports(azurite.connectionString, spec.container, 'exports/');
      return read.reduce((sum, file) => sum + file.text.trimEnd().split('\n').length, 0) === 1_500 ? read : undefined;
    }, 30_000, 'every row in committed files');
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      expect(file.name).toMatch(/\.jsonl\.gz$/);
      expect(file.size).toBeLessThanOrEqual(4_096);
    }
    const ids = files.flatMap((file) => file.text.trimEnd().split('\n').map((line) => JSON.parse(line)._profile_id));
    expect(ids).toEqual(profileIds(1, 1_500));
    // Every block is a gzip member of its own (files of several blocks are there); the standard
    // gunzip reads a file as one stream.
    const [{ blocks }] = await schema.dataSource.query(`SELECT max(block_count) AS blocks FROM blob_export_files WHERE subscription_id = $1`, [spec.id]);
    expect(blocks).toBeGreaterThan(1);
    for (const file of files) expect(execFileSync('gunzip', ['-c'], { input: file.body }).toString('utf8')).toBe(file.text);
    const properties = await new ContainerClient(azurite.connectionString, spec.container).getBlockBlobClient(files[0].name).getProperties();
    expect(properties.contentType).toBe('application/gzip');
  });

  it('a one-time export writes the existing members only and completes when the snapshot is written', async () => {
    const spec = await exportRows({ format: 'csv', oneTime: true, flushIntervalMs: 3_600_000 }, 0, { initialSync: 'backfill' });
    const staging = new StagingRepository(schema.dataSource);
    await staging.stage([...Array.from({ length: 30 }, (_, index) => memberRow(spec.id, index + 1, 'snapshot')), memberRow(spec.id, 500)]);
    await delivered(spec.id);
    // The snapshot job is still running: the file stays open.
    const job = [`snapshot:${initialSyncRequestId(spec.id)}`, `audience-${spec.id}`, initialSyncRequestId(spec.id), spec.id];
    await schema.dataSource.query(
      `INSERT INTO backfill_jobs (job_key, audience_id, kind, audience_version, definition, request_id, target_subscription_id, requested_at, status, emitted)
       VALUES ($1, $2, 'snapshot', 1, '{}', $3, $4, 0, 'running', 0)`,
      job,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await readExports(azurite.connectionString, spec.container, 'exports/')).toEqual([]);
    await schema.dataSource.query(`UPDATE backfill_jobs SET status = 'done', emitted = 30, finished_at = now() WHERE request_id = $1`, [job[2]]);
    const files = await waitFor(async () => {
      const read = await readExports(azurite.connectionString, spec.container, 'exports/');
      return read.length > 0 ? read : undefined;
    }, 30_000, 'the one-time export file');
    const [, ...rows] = parse(files[0].text) as string[][];
    expect(rows.map((row) => row[0])).toEqual(profileIds(1, 30));
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(['existing']));
    const [state] = await schema.dataSource.query(`SELECT snapshot_rows, skipped_rows, completed_at FROM blob_export_state WHERE subscription_id = $1`, [spec.id]);
    expect(state).toMatchObject({ snapshot_rows: '30', skipped_rows: '1' });
    expect(state.completed_at).not.toBeNull();
    // After completion nothing more is written.
    await staging.stage([memberRow(spec.id, 31, 'snapshot')]);
    await delivered(spec.id);
    await engine!.stop();
    engine = undefined;
    expect(await readExports(azurite.connectionString, spec.container, 'exports/')).toHaveLength(1);
  });
});
