import { ContainerClient, ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { DestinationConfig } from '@activation/configuration';
import { freePort, type RunningAzurite, startAzurite } from '@activation/testing';
import { EventExportDestinationTester } from './event-export-destination-tester';

const destination = (container: string): DestinationConfig => ({
  id: '00000000-0000-4000-8000-000000000001', name: 'events', kind: 'event-export', settings: { container, fileName: 'events-{TIMESTAMP}' },
  secretNames: ['connectionString'], enabled: true, updatedAt: 0,
});

/** A connection string holding a SAS for one container with the given permissions instead of the account key. */
function sasConnection(connectionString: string, container: string, permissions: string): string {
  const account = /AccountName=([^;]+)/.exec(connectionString)![1];
  const key = /AccountKey=([^;]+)/.exec(connectionString)![1];
  const endpoint = /BlobEndpoint=([^;]+)/.exec(connectionString)![1];
  const sas = generateBlobSASQueryParameters(
    { containerName: container, permissions: ContainerSASPermissions.parse(permissions), expiresOn: new Date(Date.now() + 3_600_000) },
    new StorageSharedKeyCredential(account, key),
  ).toString();
  return `BlobEndpoint=${endpoint};SharedAccessSignature=${sas}`;
}

describe('event-export destination test (Azurite)', () => {
  let azurite: RunningAzurite;
  const tester = new EventExportDestinationTester(5_000);

  beforeAll(async () => {
    azurite = await startAzurite();
  });

  afterAll(async () => {
    await azurite?.stop();
  });

  const blobsIn = async (client: ContainerClient) => {
    const names: string[] = [];
    for await (const blob of client.listBlobsFlat()) names.push(blob.name);
    return names;
  };

  it('fails on a container that does not exist, and does not create it', async () => {
    const result = await tester.test(destination('nope'), { connectionString: azurite.connectionString });
    expect(result).toMatchObject({ ok: false, status: 404 });
    expect(result.detail).toBe('container "nope" does not exist. Create it first: event exports do not create their container.');
    expect(await new ContainerClient(azurite.connectionString, 'nope').exists()).toBe(false);
  });

  it('passes on an existing container it may write to, and writes nothing there', async () => {
    const client = new ContainerClient(azurite.connectionString, 'events-ready');
    await client.create();
    const result = await tester.test(destination('events-ready'), { connectionString: azurite.connectionString });
    expect(result).toMatchObject({ ok: true, detail: 'container "events-ready" exists and the connection string may write to it.' });
    expect(await blobsIn(client)).toEqual([]);
  });

  it('passes with a SAS that may only create blobs (all a run needs), and fails with a read-only one', async () => {
    await new ContainerClient(azurite.connectionString, 'events-sas').create();
    const createOnly = await tester.test(destination('events-sas'), { connectionString: sasConnection(azurite.connectionString, 'events-sas', 'c') });
    expect(createOnly.ok).toBe(true);
    const readOnly = await tester.test(destination('events-sas'), { connectionString: sasConnection(azurite.connectionString, 'events-sas', 'rl') });
    expect(readOnly).toMatchObject({ ok: false, status: 403 });
    expect(readOnly.detail).toMatch(/^container "events-sas": the connection string may not write blobs there/);
  });

  it('fails clearly on a wrong account key, an address nothing listens on, and missing settings', async () => {
    const wrongKey = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 1).toString('base64')}`);
    const refused = await tester.test(destination('events-ready'), { connectionString: wrongKey });
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(refused.detail).toMatch(/^container "events-ready": Blob storage answered 403 AuthorizationFailure: Server failed to authenticate/);

    const nowhere = azurite.connectionString.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${await freePort()}`);
    const unreachable = await tester.test(destination('events-ready'), { connectionString: nowhere });
    expect(unreachable.ok).toBe(false);
    expect(unreachable.detail).toMatch(/^connection: Blob storage could not be reached \(.*ECONNREFUSED/);

    expect(await tester.test(destination('events-ready'), {})).toMatchObject({
      ok: false, detail: 'configuration: the destination needs a container and the connectionString secret.',
    });
    expect((await tester.test(destination('events-ready'), { connectionString: azurite.connectionString, pgpPublicKey: 'not a key' })).detail)
      .toMatch(/^configuration: pgpPublicKey cannot encrypt: /);
  });
});
