import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { parse } from 'csv-parse/sync';
import { decrypt, generateKey, readMessage, readPrivateKey } from 'openpgp';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { ContainerClient } from '@azure/storage-blob';
import { SecretCipher, SecretKeyring, secretOwner } from '@activation/configuration';
import { BEHAVIORAL_EVENT_VERSION, type BehavioralEventMessage } from '@activation/contracts';
import type { MessageBus } from '@activation/kafka';
import { createTestBus, createTestSchema, type RunningAzurite, startAzurite, type TestSchema, uniqueGroup, uniqueTopic, waitFor } from '@activation/testing';
import { EventIntake } from './intake/event-intake';
import { resolveExportJob } from './runner/export-job';
import { ExportRunner } from './runner/export-runner';
import { ExportScheduler } from './runner/export-scheduler';
import { ExportEventRepository } from './store/export-event.repository';
import { ExportStateRepository } from './store/export-state.repository';

const HOUR = 3_600_000;
const SECRETS_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS }));
const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'silent' });

/** Reads each file of a zip archive (from a Buffer) into text, by entry name. */
function unzip(archive: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(archive, { lazyEntries: true }, (error, zip: ZipFile) => {
      if (error) return reject(error);
      const files: Record<string, string> = {};
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('event exports to Blob storage (Azurite, Kafka, Postgres)', () => {
  let azurite: RunningAzurite;
  let schema: TestSchema;
  let bus: MessageBus;
  let intake: EventIntake;
  let events: ExportEventRepository;
  let states: ExportStateRepository;
  let scheduler: ExportScheduler;
  let runner: ExportRunner;
  let now = new Date('2030-03-04T05:06:07.000Z');
  const topic = uniqueTopic('profile-inputs');

  beforeAll(async () => {
    [azurite, schema] = await Promise.all([startAzurite(), createTestSchema()]);
    bus = createTestBus('event-export-spec');
    events = new ExportEventRepository(schema.dataSource);
    states = new ExportStateRepository(schema.dataSource);
    intake = new EventIntake(bus, events, { topic, groupId: uniqueGroup('event-export'), service: 'event-export-spec', partitions: 3 }, logger);
    await intake.start();
    runner = new ExportRunner({ events, states, logger, retryDelayMs: 60_000, leaseMs: 600_000, leaseRenewMs: 60_000, pageSize: 7, clock: () => now });
    scheduler = new ExportScheduler({
      dataSource: schema.dataSource, cipher, runner, events, states, logger, owner: 'spec', tickMs: 1_000, leaseMs: 600_000,
      // The clock runs years ahead of when the rows were stored: keep them.
      retentionDays: 3650, clock: () => now,
    });
  });

  afterAll(async () => {
    await intake?.stop();
    await bus?.close();
    await schema?.drop();
    await azurite?.stop();
  });

  const event = (name: string, profileId: string, occurredAt: string, properties?: Record<string, unknown>): BehavioralEventMessage => ({
    kind: 'event', eventId: randomUUID(), version: BEHAVIORAL_EVENT_VERSION, profileId, name, occurredAt: Date.parse(occurredAt),
    receivedAt: Date.parse(occurredAt) + 1_000, source: 'web', ...(properties ? { properties } : {}),
  });

  /** Publishes events and waits until every one is stored and no earlier transaction is still open. */
  async function publish(messages: BehavioralEventMessage[]): Promise<void> {
    await bus.publish(topic, messages.map((message) => ({ key: message.profileId, value: message })));
    const ids = messages.map((message) => message.eventId);
    await waitFor(async () => {
      const [row] = await schema.dataSource.query(
        `SELECT count(*)::int AS stored, bool_and(tx < pg_snapshot_xmin(pg_current_snapshot())) AS settled
           FROM export_events WHERE event_id = ANY($1::uuid[])`, [ids]);
      return row.stored === ids.length && row.settled;
    }, 60_000, 'the events to be stored for export');
  }

  async function createExport(settings: Record<string, unknown>, secrets: Record<string, string> = {}) {
    const id = randomUUID();
    const container = `exports-${id.slice(0, 8)}`;
    await schema.dataSource.query(
      `INSERT INTO destinations (id, name, kind, settings, secrets) VALUES ($1, $2, 'event-export', $3, $4)`,
      [id, `export-${id}`, { container, ...settings }, cipher.encryptAll({ connectionString: azurite.connectionString, ...secrets }, secretOwner.destination(id))],
    );
    const client = new ContainerClient(azurite.connectionString, container);
    const names = async () => {
      const found: string[] = [];
      for await (const blob of client.listBlobsFlat()) found.push(blob.name);
      return found.sort();
    };
    const download = async (name: string) => client.getBlobClient(name).downloadToBuffer();
    return { id, client, names, download };
  }

  const rowsOf = (csv: string, header = true): Array<Record<string, string>> | string[][] => parse(csv, { columns: header });

  it('exports the selected streams between the dates as CSV with a header row, named from the {TIMESTAMP} pattern', async () => {
    const buyer = event('purchase', 'p-1', '2030-01-15T10:00:00Z', { sku: 'A-1', price: 12.5, cart: { items: 2 } });
    const second = event('purchase', 'p-2', '2030-02-01T00:30:00Z', { sku: 'B-2', note: 'a "quoted", text' });
    const tooEarly = event('purchase', 'p-3', '2029-12-31T22:00:00Z', { sku: 'C-3' });
    const otherStream = event('page_view', 'p-1', '2030-01-20T10:00:00Z', { url: '/home' });
    await publish([buyer, second, tooEarly, otherStream]);
    const exporter = await createExport({
      fileName: '/reports/purchases-{TIMESTAMP}', timestampFormat: 'YYYY-MM-DD_HHmm', timeZone: 'Europe/Berlin', includeHeaders: true,
      streams: ['purchase'], startDate: '2030-01-01', endDate: '2030-03-01',
    });
    await exporter.client.create();

    const results = await scheduler.tick();
    expect(results.get(exporter.id)).toEqual({ status: 'exported', file: 'reports/purchases-2030-03-04_0606.csv', rows: 2 });
    expect(await exporter.names()).toEqual(['reports/purchases-2030-03-04_0606.csv']);
    const csv = (await exporter.download('reports/purchases-2030-03-04_0606.csv')).toString('utf8');
    expect(csv.split('\n')[0]).toBe('event_id,profile_id,event,occurred_at,received_at,source,cart,note,price,sku');
    const rows = (rowsOf(csv) as Array<Record<string, string>>).sort((a, b) => a['profile_id'].localeCompare(b['profile_id']));
    expect(rows).toEqual([
      {
        event_id: buyer.eventId, profile_id: 'p-1', event: 'purchase', occurred_at: '2030-01-15T10:00:00.000Z', received_at: '2030-01-15T10:00:01.000Z',
        source: 'web', cart: '{"items":2}', note: '', price: '12.5', sku: 'A-1',
      },
      {
        event_id: second.eventId, profile_id: 'p-2', event: 'purchase', occurred_at: '2030-02-01T00:30:00.000Z', received_at: '2030-02-01T00:30:01.000Z',
        source: 'web', cart: '', note: 'a "quoted", text', price: '', sku: 'B-2',
      },
    ]);
    // A one-time export is finished: later ticks write nothing.
    now = new Date(now.getTime() + 30 * 24 * HOUR);
    expect((await scheduler.tick()).has(exporter.id)).toBe(false);
    expect(await states.find(exporter.id)).toMatchObject({ finished: true, runs: 1, lastRows: 2 });
  });

  it('writes gzip and zip files that read back to the same CSV, without a header row unless asked', async () => {
    await publish([event('signup', 'p-10', '2030-03-01T08:00:00Z', { plan: 'pro' }), event('signup', 'p-11', '2030-03-01T09:00:00Z', { plan: 'free' })]);
    const gzip = await createExport({ fileName: 'signups-{TIMESTAMP}', streams: ['signup'], compression: 'gzip' });
    const zip = await createExport({ fileName: 'nested/signups-{TIMESTAMP}', streams: ['signup'], compression: 'zip', includeHeaders: true });
    await Promise.all([gzip.client.create(), zip.client.create()]);
    const stamp = '20300403-050607';
    now = new Date('2030-04-03T05:06:07.000Z');
    const results = await scheduler.tick();
    expect(results.get(gzip.id)).toMatchObject({ status: 'exported', file: `signups-${stamp}.csv.gz`, rows: 2 });
    expect(results.get(zip.id)).toMatchObject({ status: 'exported', file: `nested/signups-${stamp}.zip`, rows: 2 });

    const fromGzip = gunzipSync(await gzip.download(`signups-${stamp}.csv.gz`)).toString('utf8');
    // Events of different profiles may sit on different partitions: their order in a file is not fixed.
    expect((rowsOf(fromGzip, false) as string[][]).map((row) => [row[1], row[2], row[6]]).sort()).toEqual([['p-10', 'signup', 'pro'], ['p-11', 'signup', 'free']]);
    const archive = await unzip(await zip.download(`nested/signups-${stamp}.zip`));
    expect(Object.keys(archive)).toEqual([`signups-${stamp}.csv`]);
    expect((rowsOf(archive[`signups-${stamp}.csv`]) as Array<Record<string, string>>).map((row) => `${row['profile_id']}:${row['plan']}`).sort()).toEqual(['p-10:pro', 'p-11:free']);
  });

  it('encrypts to the destination\'s PGP public key; the private key decrypts the file', async () => {
    const { publicKey, privateKey } = await generateKey({ type: 'curve25519', userIDs: [{ name: 'Exports', email: 'exports@example.com' }], format: 'armored' });
    await publish([event('refund', 'p-20', '2030-03-02T10:00:00Z', { amount: 30 })]);
    const exporter = await createExport({ fileName: 'refunds-{TIMESTAMP}', streams: ['refund'], compression: 'gzip', includeHeaders: true }, { pgpPublicKey: publicKey });
    await exporter.client.create();
    now = new Date('2030-05-01T00:00:00.000Z');
    expect((await scheduler.tick()).get(exporter.id)).toMatchObject({ status: 'exported', file: 'refunds-20300501-000000.csv.gz.pgp', rows: 1 });

    const encrypted = await exporter.download('refunds-20300501-000000.csv.gz.pgp');
    expect(() => gunzipSync(encrypted)).toThrow();
    const { data } = await decrypt({
      message: await readMessage({ binaryMessage: encrypted }),
      decryptionKeys: await readPrivateKey({ armoredKey: privateKey }),
      format: 'binary',
    });
    const csv = gunzipSync(Buffer.from(data as Uint8Array)).toString('utf8');
    expect(rowsOf(csv)).toEqual([expect.objectContaining({ profile_id: 'p-20', event: 'refund', amount: '30' })]);
  });

  it('a periodic export writes only the events received since its last run', async () => {
    await publish([event('login', 'p-30', '2030-03-03T10:00:00Z'), event('login', 'p-31', '2030-03-03T11:00:00Z')]);
    const exporter = await createExport({
      fileName: 'logins/{TIMESTAMP}', timestampFormat: 'YYYYMMDDHH', streams: ['login'], keepUpdated: true, period: 'hourly', includeHeaders: true,
    });
    await exporter.client.create();
    now = new Date('2030-06-01T10:15:00.000Z');
    expect((await scheduler.tick()).get(exporter.id)).toMatchObject({ status: 'exported', file: 'logins/2030060110.csv', rows: 2 });
    expect(await states.find(exporter.id)).toMatchObject({ finished: false, nextRunAt: new Date('2030-06-01T11:00:00.000Z') });

    const late = event('login', 'p-32', '2030-03-03T09:00:00Z');
    await publish([late, event('login', 'p-33', '2030-06-01T10:20:00Z'), event('logout', 'p-33', '2030-06-01T10:21:00Z')]);
    now = new Date('2030-06-01T10:59:00.000Z');
    expect((await scheduler.tick()).has(exporter.id)).toBe(false);

    now = new Date('2030-06-01T11:00:05.000Z');
    expect((await scheduler.tick()).get(exporter.id)).toMatchObject({ status: 'exported', file: 'logins/2030060111.csv', rows: 2 });
    const second = rowsOf((await exporter.download('logins/2030060111.csv')).toString('utf8')) as Array<Record<string, string>>;
    // An event that occurred long ago but arrived after the first run is in the second file.
    expect(second.map((row) => row['profile_id']).sort()).toEqual(['p-32', 'p-33']);

    now = new Date('2030-06-01T12:00:00.000Z');
    expect((await scheduler.tick()).get(exporter.id)).toMatchObject({ status: 'exported', file: 'logins/2030060112.csv', rows: 0 });
    expect((await exporter.download('logins/2030060112.csv')).toString('utf8').trim()).toBe('event_id,profile_id,event,occurred_at,received_at,source');
    expect(await exporter.names()).toEqual(['logins/2030060110.csv', 'logins/2030060111.csv', 'logins/2030060112.csv']);
  });

  it('a failed run leaves no blob and keeps its watermark, so the retry exports the same events', async () => {
    await publish([event('checkout', 'p-40', '2030-03-03T10:00:00Z'), event('checkout', 'p-41', '2030-03-03T10:01:00Z')]);
    const exporter = await createExport({ fileName: 'checkouts-{TIMESTAMP}', streams: ['checkout'], keepUpdated: true, period: 'daily', timeOfDay: '02:00' });
    now = new Date('2030-07-01T12:00:00.000Z');
    const failed = (await scheduler.tick()).get(exporter.id);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(await states.find(exporter.id)).toMatchObject({ runs: 0, lastError: expect.stringMatching(/container/i) });
    expect((await states.find(exporter.id))!.watermark).toBeUndefined();

    await exporter.client.create();
    now = new Date('2030-07-01T12:01:01.000Z');
    expect((await scheduler.tick()).get(exporter.id)).toMatchObject({ status: 'exported', file: 'checkouts-20300701-120101.csv', rows: 2 });
    expect(await states.find(exporter.id)).toMatchObject({ runs: 1, nextRunAt: new Date('2030-07-02T02:00:00.000Z') });
    expect(await exporter.names()).toEqual(['checkouts-20300701-120101.csv']);
  });

  it('a destination key that cannot encrypt fails the run with a clear error and writes nothing', async () => {
    const { privateKey } = await generateKey({ type: 'curve25519', userIDs: [{ name: 'Exports' }], format: 'armored' });
    await publish([event('return', 'p-50', '2030-03-03T10:00:00Z')]);
    const exporter = await createExport({ fileName: 'returns-{TIMESTAMP}', streams: ['return'] }, { pgpPublicKey: privateKey });
    await exporter.client.create();
    now = new Date('2030-08-01T00:00:00.000Z');
    expect((await scheduler.tick()).get(exporter.id)).toEqual({
      status: 'failed', error: 'the pgpPublicKey secret is not a usable OpenPGP public key: it is a private key; give the public key',
    });
    const state = await states.find(exporter.id);
    expect(state).toMatchObject({ runs: 0, finished: false, lastError: expect.stringContaining('pgpPublicKey'), nextRunAt: new Date(now.getTime() + 60_000) });
    expect(state!.watermark).toBeUndefined();
    expect(await exporter.names()).toEqual([]);
  });

  it('a run aborted because the service stops commits nothing, keeps its watermark and is due again at once', async () => {
    await publish([event('cancel', 'p-60', '2030-03-03T10:00:00Z')]);
    const exporter = await createExport({ fileName: 'cancels-{TIMESTAMP}', streams: ['cancel'] });
    await exporter.client.create();
    now = new Date('2030-09-01T00:00:00.000Z');
    const [destination] = await schema.dataSource.query(`SELECT id, name, settings FROM destinations WHERE id = $1`, [exporter.id]);
    await states.ensure([exporter.id], now);
    const claim = await states.claim(exporter.id, 'spec', now, 600_000);
    const resolved = resolveExportJob(destination);
    if (!claim || !resolved.ok) throw new Error('the export should be claimable and valid');
    const stopping = new AbortController();
    stopping.abort();
    expect(await runner.run(resolved.job, claim, { connectionString: azurite.connectionString }, now, stopping.signal))
      .toEqual({ status: 'failed', error: 'the service stopped during the run' });
    expect(await exporter.names()).toEqual([]);
    const state = await states.find(exporter.id);
    expect(state).toMatchObject({ runs: 0, nextRunAt: now });
    expect(state!.watermark).toBeUndefined();
    expect((await scheduler.tick()).get(exporter.id)).toMatchObject({ status: 'exported', rows: 1 });
  });
});
