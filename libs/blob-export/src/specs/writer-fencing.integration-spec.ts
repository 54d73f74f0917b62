import { randomBytes } from 'node:crypto';
import { createTestSchema, startAzurite, type RunningAzurite, type TestSchema } from '@activation/testing';
import { ExportWriter } from '../export/export-writer';
import type { PendingRow } from '../export/pending-row';
import { rowEncoder } from '../format/row-encoder';
import { readBlobExportConfig } from '../settings/blob-export-settings';
import { ExportStateRepository, WriterFencedError } from '../state/export-state-repository';
import { ExportContainer } from '../storage/export-container';
import { exportSubscription } from '../testing/export-fixtures';
import { readExports } from '../testing/read-exports';

/**
 * Two writers of one subscription, as when a replica stalls while another takes the
 * subscription over: once the second has started, the first can neither record a block nor
 * commit a file, and the committed files hold each row once.
 */
describe('Blob export writers fenced by the one that took over (Azurite, Postgres)', () => {
  let azurite: RunningAzurite;
  let schema: TestSchema;

  beforeAll(async () => {
    [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
  });
  afterAll(async () => {
    await schema?.drop();
    await azurite?.stop();
  });

  const rows = (from: number, to: number): PendingRow[] =>
    Array.from({ length: to - from + 1 }, (_, index) => ({
      deliveryRowId: String(from + index), line: Buffer.from(`{"n":${from + index}}\n`), snapshot: false,
    }));

  it('a stalled writer can neither record blocks nor commit after another took the subscription up', async () => {
    const container = `fence-${randomBytes(4).toString('hex')}`;
    const subscription = exportSubscription({
      id: 31, connectionString: azurite.connectionString, container, settings: { format: 'jsonl', flushIntervalMs: 1_000 },
    });
    const config = readBlobExportConfig(subscription);
    const writer = (now?: () => number) => new ExportWriter({
      subscriptionId: subscription.id, config, container: new ExportContainer(azurite.connectionString, container), state: new ExportStateRepository(schema.dataSource),
      encoder: rowEncoder(config), now,
    });
    let clock = Date.now();
    const stalled = writer(() => clock);
    await stalled.write(rows(1, 10));

    const successor = writer();
    await successor.start();
    // The successor committed the stalled writer's file with its recorded blocks.
    expect((await readExports(azurite.connectionString, container, 'exports/')).map((file) => file.text)).toEqual([
      rows(1, 10).map((row) => row.line.toString()).join(''),
    ]);

    await expect(stalled.write(rows(11, 20))).rejects.toBeInstanceOf(WriterFencedError);
    // Its timer firing late does not commit anything either (it holds no file any more, and
    // does not take the subscription back on its own).
    clock += 3_600_000;
    await stalled.maintain();
    await successor.write(rows(11, 20));
    await successor.close();

    const files = await readExports(azurite.connectionString, container, 'exports/');
    const numbers = files.flatMap((file) => file.text.trimEnd().split('\n').map((line) => JSON.parse(line).n as number));
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    const [counts] = await schema.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'committed') AS committed, count(*) FILTER (WHERE status = 'open') AS open FROM blob_export_files WHERE subscription_id = $1`,
      [subscription.id],
    );
    expect(counts).toEqual({ committed: '2', open: '0' });
  });

  it('a commit whose block list missed a block recorded meanwhile is not marked committed', async () => {
    const state = new ExportStateRepository(schema.dataSource);
    const subscriptionId = 32;
    await state.claim(subscriptionId, 'writer-a');
    const file = await state.createFile(subscriptionId, 'writer-a', (fileNumber) => `f-${fileNumber}`);
    const block = (blockNumber: number, deliveryRowId: string) => ({
      fileNumber: file.fileNumber, blockNumber, blockId: `b${blockNumber}`, bytes: 10, deliveryRowIds: [deliveryRowId], snapshotRows: 0,
    });
    await state.recordBlock(subscriptionId, 'writer-a', block(0, '9001'));
    await state.recordBlock(subscriptionId, 'writer-a', block(1, '9002'));
    await expect(state.markCommitted(subscriptionId, 'writer-a', file.fileNumber, 1)).rejects.toThrow(/changed while it was committed/);
    await expect(state.markCommitted(subscriptionId, 'writer-b', file.fileNumber, 2)).rejects.toBeInstanceOf(WriterFencedError);
    await state.markCommitted(subscriptionId, 'writer-a', file.fileNumber, 2);
    expect(await state.openFile(subscriptionId)).toBeUndefined();
  });
});
