import { randomBytes, randomUUID } from 'node:crypto';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import { createTestSchema, type TestSchema } from '@activation/testing';
import { alertChannelSecretOwner } from '../model/alert-channel';
import { AlertRepository } from './alert-repository';
import { rotateAlertChannelSecrets } from './rotate-channel-secrets';

describe('rotateAlertChannelSecrets', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(() => schema.drop());

  it('re-encrypts channel secrets under the active key, so the old key can be removed', async () => {
    const oldKey = `old:${randomBytes(32).toString('base64')}`;
    const newKey = `new:${randomBytes(32).toString('base64')}`;
    const before = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: oldKey }));
    const during = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: `${oldKey},${newKey}`, SECRETS_ACTIVE_KEY_ID: 'new' }));
    const after = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: newKey }));
    const [audience] = await schema.dataSource.query(`INSERT INTO audiences (id, slug, name, rule) VALUES ($1, 'a', 'A', '{}') RETURNING id`, [randomUUID()]);
    const [destination] = await schema.dataSource.query(`INSERT INTO destinations (id, name, kind, settings) VALUES ($1, 'd', 'function', '{}') RETURNING id`, [randomUUID()]);
    const [{ id: syncId }] = await schema.dataSource.query(
      `INSERT INTO subscriptions (name, audience_id, destination_id, projection, initial_sync) VALUES ('s', $1, $2, '{}', 'future-only') RETURNING id`,
      [audience.id, destination.id],
    );
    const alerts = new AlertRepository(schema.dataSource.manager);
    const channel = await alerts.insertChannel(syncId, { name: 'slack', kind: 'slack', settings: {} });
    await alerts.updateChannel(channel.id, { name: 'slack', kind: 'slack', settings: {} }, before.encryptAll({ url: 'https://hooks.example.com/x' }, alertChannelSecretOwner(channel.id)));

    expect(await rotateAlertChannelSecrets(schema.dataSource, during)).toEqual({ rotated: 1, pending: 0 });
    expect(await rotateAlertChannelSecrets(schema.dataSource, during)).toEqual({ rotated: 0, pending: 0 });
    const [stored] = await alerts.channels(syncId);
    expect(after.decryptAll(stored.secrets, alertChannelSecretOwner(channel.id))).toEqual({ url: 'https://hooks.example.com/x' });
  });
});
