import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateKey } from 'openpgp';
import type { ExportEvent } from '../store/export-event.repository';
import { csvLayout } from './csv-columns';
import { exportStream } from './export-stream';

async function* failingAfter(rows: number): AsyncGenerator<ExportEvent> {
  for (let n = 0; n < rows; n += 1) {
    yield { eventId: `e-${n}`, profileId: `p-${n}`, name: 'view', occurredAt: n, receivedAt: n, source: 'web', properties: { pad: 'x'.repeat(200) } };
  }
  throw new Error('connection to Postgres lost');
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('exportStream', () => {
  let publicKey: string;
  let privateKey: string;
  beforeAll(async () => {
    ({ publicKey, privateKey } = await generateKey({ type: 'curve25519', userIDs: [{ name: 'spec' }], format: 'armored' }));
  });

  it.each([
    ['text that is no key', () => '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----', /OpenPGP format/],
    ['a private key', () => privateKey, /private key/],
  ])('refuses %s as the encryption key, naming the secret', async (_name, key, reason) => {
    const attempt = exportStream(failingAfter(0), {
      layout: csvLayout([]), includeHeaders: false, compression: 'none', zipEntryName: 'events.csv', pgpPublicKey: key(),
    });
    await expect(attempt).rejects.toThrow(/^the pgpPublicKey secret is not a usable OpenPGP public key: /);
    await expect(attempt).rejects.toThrow(reason);
  });

  it.each([
    ['csv', 'none', false],
    ['gzip', 'gzip', false],
    ['zip', 'zip', false],
    ['gzip + OpenPGP', 'gzip', true],
  ] as const)('fails the %s stream when reading events fails, so no blob is committed', async (_name, compression, encrypted) => {
    const body = await exportStream(failingAfter(2_000), {
      layout: csvLayout(['pad']), includeHeaders: true, compression, zipEntryName: 'events.csv', ...(encrypted ? { pgpPublicKey: publicKey } : {}),
    });
    await expect(pipeline(body, discard())).rejects.toThrow('connection to Postgres lost');
  });
});
