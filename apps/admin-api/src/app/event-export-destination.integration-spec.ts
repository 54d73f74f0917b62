import { randomBytes } from 'node:crypto';
import { generateKey } from 'openpgp';
import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

const SETTINGS = {
  container: 'event-exports', fileName: '/exports/events-{TIMESTAMP}', timestampFormat: 'YYYY-MM-DD-HHmm', includeHeaders: true,
  compression: 'zip', streams: ['purchase', 'page_view'], startDate: '2025-01-01', endDate: '2027-01-01',
  keepUpdated: true, period: 'daily', timeOfDay: '03:30', timeZone: 'America/Chicago',
};

describe('admin API: event-export destinations', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;
  const connectionString = `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${randomBytes(16).toString('base64')}`;
  const notAKey = `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${randomBytes(24).toString('base64')}\n-----END PGP PUBLIC KEY BLOCK-----`;
  let pgpPublicKey: string;
  let pgpPrivateKey: string;

  const send = (method: string, path: string, body?: unknown) => call<Record<string, unknown>>(api.url, method, path, { key: BOOTSTRAP_KEY, body });

  beforeAll(async () => {
    ({ publicKey: pgpPublicKey, privateKey: pgpPrivateKey } = await generateKey({ type: 'curve25519', userIDs: [{ name: 'spec' }], format: 'armored' }));
    schema = await createTestSchema();
    api = await startAdminApi({
      DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'), SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
  });

  it('saves one with every job option and its secrets, which are never returned', async () => {
    const created = await send('POST', '/v1/destinations', {
      name: 'warehouse-events', kind: 'event-export', settings: SETTINGS, secrets: { connectionString, pgpPublicKey },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'event-export', settings: SETTINGS, secretNames: expect.arrayContaining(['connectionString', 'pgpPublicKey']) });
    const read = await send('GET', `/v1/destinations/${created.body['id']}`);
    expect(read.body).toMatchObject({ name: 'warehouse-events', kind: 'event-export', settings: SETTINGS });
    expect(read.text).not.toContain(connectionString);
    expect(read.text).not.toContain('PGP PUBLIC KEY');
    const [row] = await schema.dataSource.query(`SELECT kind, settings FROM destinations WHERE id = $1`, [created.body['id']]);
    expect(row).toEqual({ kind: 'event-export', settings: SETTINGS });
  });

  it('refuses wrong options by path, and a connection string is required', async () => {
    const reply = await send('POST', '/v1/destinations', {
      name: 'bad-export', kind: 'event-export', settings: { ...SETTINGS, fileName: 'events', compression: 'rar', timeZone: 'Nowhere/Town' },
    });
    expect(reply.status).toBe(422);
    expect(new Set((reply.body['errors'] as Array<{ path: string }>).map((error) => error.path))).toEqual(new Set([
      '$.settings.fileName', '$.settings.compression', '$.settings.timeZone', '$.secrets.connectionString',
    ]));
  });

  it('refuses a PGP key that cannot encrypt when the destination is saved or changed, without echoing it', async () => {
    for (const key of [notAKey, pgpPrivateKey]) {
      const reply = await send('POST', '/v1/destinations', {
        name: `bad-key-${randomBytes(4).toString('hex')}`, kind: 'event-export', settings: SETTINGS, secrets: { connectionString, pgpPublicKey: key },
      });
      expect(reply.status).toBe(422);
      expect((reply.body['errors'] as Array<{ path: string }>).map((error) => error.path)).toEqual(['$.secrets.pgpPublicKey']);
      expect(reply.text).not.toContain(key.split('\n')[2]);
    }
    const created = await send('POST', '/v1/destinations', { name: 'keyless-export', kind: 'event-export', settings: SETTINGS, secrets: { connectionString } });
    expect(created.status).toBe(201);
    const changed = await send('PATCH', `/v1/destinations/${created.body['id']}`, { secrets: { pgpPublicKey: notAKey } });
    expect(changed.status).toBe(422);
    expect((changed.body['errors'] as Array<{ path: string }>).map((error) => error.path)).toEqual(['$.secrets.pgpPublicKey']);
    const [row] = await schema.dataSource.query(`SELECT secrets FROM destinations WHERE id = $1`, [created.body['id']]);
    expect(Object.keys(row.secrets)).toEqual(['connectionString']);
  });
});
