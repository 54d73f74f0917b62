import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { ContainerClient } from '@azure/storage-blob';
import { parse } from 'csv-parse/sync';
import { decrypt, generateKey, readMessage, readPrivateKey, type PrivateKey } from 'openpgp';
import { StagingRepository } from '@activation/delivery';
import { createTestSchema, startAzurite, testDatabaseUrl, waitFor, type RunningAzurite, type TestSchema } from '@activation/testing';
import { BlobExportAdapter } from '../adapter/blob-export-adapter';
import { exportSubscription, memberRow, type ExportSubscriptionSpec } from '../testing/export-fixtures';
import { startExportEngine, type RunningExportEngine } from '../testing/export-engine';

const ROWS = 1_200;
const MAX_FILE_BYTES = 16_384;

/** Files encrypted to the destination's PGP public key, read back from Azurite and decrypted with the private key. */
describe('Blob audience export encrypted with PGP (Azurite, Postgres)', () => {
  let azurite: RunningAzurite;
  let schema: TestSchema;
  let engine: RunningExportEngine | undefined;
  let keys: { publicKey: string; privateKey: PrivateKey };

  beforeAll(async () => {
    const generated = await generateKey({ type: 'curve25519', userIDs: [{ name: 'Exports', email: 'exports@example.com' }], format: 'armored' });
    [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
    keys = { publicKey: generated.publicKey, privateKey: await readPrivateKey({ armoredKey: generated.privateKey }) };
  });
  afterAll(async () => {
    await engine?.stop();
    await schema?.drop();
    await azurite?.stop();
  });

  async function decryptFile(body: Buffer): Promise<Buffer> {
    const { data } = await decrypt({ message: await readMessage({ binaryMessage: body }), decryptionKeys: keys.privateKey, format: 'binary' });
    return Buffer.from(data as Uint8Array);
  }

  it('every file is one OpenPGP message of a whole gzipped CSV file, within the size limit, each row once', async () => {
    const spec: ExportSubscriptionSpec = {
      id: 61, connectionString: azurite.connectionString, container: `pgp-${randomBytes(4).toString('hex')}`, pgpPublicKey: keys.publicKey,
      settings: { format: 'csv', gzip: true, maxFileBytes: MAX_FILE_BYTES, flushIntervalMs: 3_600_000 },
    };
    engine = await startExportEngine({ databaseUrl: testDatabaseUrl(), schema: schema.name, workerId: 'pgp-spec', subscriptions: [exportSubscription(spec)] });
    await new StagingRepository(schema.dataSource).stage(Array.from({ length: ROWS }, (_, index) => memberRow(spec.id, index + 1)));
    await waitFor(async () => {
      const [{ n }] = await schema.dataSource.query(`SELECT count(*) AS n FROM delivery_rows WHERE subscription_id = $1`, [spec.id]);
      return Number(n) === 0;
    }, 60_000, 'rows delivered');

    // Committed at once: no file waits for the flush interval or the sender's close.
    const client = new ContainerClient(azurite.connectionString, spec.container);
    const seen: string[] = [];
    let files = 0;
    for await (const blob of client.listBlobsFlat({ prefix: 'exports/' })) {
      files += 1;
      expect(blob.name).toMatch(new RegExp(`^exports/${spec.id}-\\d{8}T\\d{6}Z-\\d{6}\\.csv\\.gz\\.pgp$`));
      expect(blob.properties.contentType).toBe('application/pgp-encrypted');
      const body = await client.getBlockBlobClient(blob.name).downloadToBuffer();
      expect(body.length).toBeLessThanOrEqual(MAX_FILE_BYTES);
      expect(() => gunzipSync(body)).toThrow();
      const [header, ...rows] = parse(gunzipSync(await decryptFile(body)).toString('utf8')) as string[][];
      expect(header).toEqual(['_profile_id', '_event', '_timestamp', 'email', 'tags', 'attributes']);
      seen.push(...rows.map((row) => row[0]));
    }
    expect(files).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, index) => `p-${String(index + 1).padStart(6, '0')}`));
    const [{ open }] = await schema.dataSource.query(
      `SELECT count(*) AS open FROM blob_export_files WHERE subscription_id = $1 AND status = 'open' AND block_count > 0`, [spec.id],
    );
    expect(open).toBe('0');
  });

  it('the destination test names an unusable key', async () => {
    const adapter = new BlobExportAdapter();
    const destination = (pgpPublicKey: string) => ({
      ...exportSubscription({ id: 62, connectionString: azurite.connectionString, container: 'pgp-test', settings: {}, pgpPublicKey }).destination,
    });
    expect(await adapter.testDestination(destination('not a key'))).toMatchObject({ ok: false, errorClass: 'configuration', message: expect.stringMatching(/pgpPublicKey/) });
    expect(await adapter.testDestination(destination(keys.privateKey.armor()))).toMatchObject({ ok: false, message: expect.stringMatching(/private key/) });
    expect(await adapter.testDestination(destination(keys.publicKey))).toMatchObject({ ok: true });
  });
});
