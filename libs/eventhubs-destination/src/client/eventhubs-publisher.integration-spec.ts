import { createServer, type Server } from 'node:net';
import { startEventHubsEmulator, type EventHubsEmulator } from '@activation/testing';
import { classifyEventHubsError } from './classify-eventhubs-error';
import { EventHubsConfigurationError } from './eventhubs-configuration-error';
import { EventHubsPublisher, EventTooLargeError } from './eventhubs-publisher';

const HUB = 'audiences';
const KEY = { name: 'RootManageSharedAccessKey', key: 'cHVibGlzaGVyLWtleQ==' };
const noRetry = { maxRetries: 0, timeoutInMs: 3_000 };

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('EventHubsPublisher against the Event Hubs emulator', () => {
  let emulator: EventHubsEmulator;
  const publishers: EventHubsPublisher[] = [];
  const publisher = (connectionString: string) => {
    const created = new EventHubsPublisher(connectionString, { retry: noRetry });
    publishers.push(created);
    return created;
  };

  beforeAll(async () => {
    emulator = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 4 }], keys: [KEY], maxMessageSize: 4_096 });
  });

  afterEach(() => emulator.clear());

  afterAll(async () => {
    await Promise.all(publishers.map((created) => created.close()));
    await emulator?.stop();
  });

  it('packs events into batches of one partition key (20 events of a key fill more than one 4 KiB batch), in order per key, on that key\'s partition', async () => {
    const events = Array.from({ length: 60 }, (_, n) => ({
      body: { key: `p-${n % 3}`, n, padding: 'x'.repeat(150) }, partitionKey: `p-${n % 3}`, properties: { n, even: n % 2 === 0 },
    }));
    await publisher(emulator.connectionString(HUB)).send(events, { timeoutMs: 10_000 });
    const stored = emulator.messages(HUB);
    expect(stored).toHaveLength(60);
    for (const key of ['p-0', 'p-1', 'p-2']) {
      const ofKey = stored.filter((event) => event.partitionKey === key);
      expect(new Set(ofKey.map((event) => event.partitionId))).toEqual(new Set([emulator.partitionForKey(HUB, key)]));
      expect(ofKey.map((event) => (event.body as { n: number }).n)).toEqual(events.filter((event) => event.partitionKey === key).map((event) => event.body.n));
    }
    expect(stored[0].applicationProperties).toMatchObject({ n: expect.any(Number), even: expect.any(Boolean) });
  });

  it('a failed key stops the send: it rejects once the keys in flight settled, and no further key starts', async () => {
    const tooLarge = { body: { padding: 'x'.repeat(5_000) }, partitionKey: 'a-too-large' };
    const keyed = (key: string) => Array.from({ length: 3 }, (_, n) => ({ body: { key, n }, partitionKey: key }));
    const sender = new EventHubsPublisher(emulator.connectionString(HUB), { retry: noRetry, keysInFlight: 2 });
    publishers.push(sender);
    const error = await failureOf(() => sender.send([tooLarge, ...keyed('b'), ...keyed('c'), ...keyed('d')], { timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(EventTooLargeError);
    const keysStored = () => [...new Set(emulator.messages(HUB).map((event) => event.partitionKey))];
    expect(keysStored()).toEqual(['b']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(keysStored()).toEqual(['b']);
  });

  it('with onTooLarge, an event too large for one batch is handed back and left out; the rest of its key and the other keys are sent in order', async () => {
    const tooLarge = { body: { key: 'a', n: 1, padding: 'x'.repeat(5_000) }, partitionKey: 'a' };
    const keyed = (key: string) => Array.from({ length: 3 }, (_, n) => ({ body: { key, n }, partitionKey: key }));
    const [a0, , a2] = keyed('a');
    const handedBack: Array<{ event: unknown; error: unknown }> = [];
    await publisher(emulator.connectionString(HUB)).send([a0, tooLarge, a2, ...keyed('b')], {
      timeoutMs: 10_000,
      onTooLarge: (event, error) => handedBack.push({ event, error }),
    });
    expect(handedBack).toEqual([{ event: tooLarge, error: expect.any(EventTooLargeError) }]);
    const stored = emulator.messages(HUB).map((event) => event.body as { key: string; n: number });
    expect(stored.filter((body) => body.key === 'a')).toEqual([{ key: 'a', n: 0 }, { key: 'a', n: 2 }]);
    expect(stored.filter((body) => body.key === 'b')).toEqual(keyed('b').map((event) => event.body));
  });

  it('reads the hub properties', async () => {
    const properties = await publisher(emulator.connectionString(HUB)).readHubProperties({ timeoutMs: 5_000 });
    expect(properties).toMatchObject({ name: HUB, partitionIds: ['0', '1', '2', '3'] });
  });

  it('classifies a wrong key as invalid credentials, without the key in the reason', async () => {
    const wrong = emulator.connectionString(HUB).replace(KEY.key, 'd3Jvbmcta2V5');
    const error = await failureOf(() => publisher(wrong).send([{ body: {}, partitionKey: 'p' }], { timeoutMs: 10_000 }));
    const classified = classifyEventHubsError(error);
    expect(classified.errorClass).toBe('invalid-credentials');
    expect(classified.reason).not.toContain('d3Jvbmcta2V5');
  });

  it('classifies an unknown hub as other', async () => {
    const error = await failureOf(() => publisher(emulator.connectionString(HUB).replace(`EntityPath=${HUB}`, 'EntityPath=missing')).readHubProperties({ timeoutMs: 5_000 }));
    expect(classifyEventHubsError(error).errorClass).toBe('other');
  });

  it('classifies nothing listening, and a server that never answers, as timeouts', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const silentPort = (closed.address() as { port: number }).port;
    try {
      const silent = await failureOf(() =>
        publisher(emulator.connectionString(HUB).replace(`:${emulator.port}`, `:${silentPort}`)).send([{ body: {}, partitionKey: 'p' }], { timeoutMs: 1_000 }),
      );
      expect(classifyEventHubsError(silent).errorClass).toBe('timeout');
    } finally {
      closed.close();
    }
    const refused = await failureOf(() =>
      publisher(emulator.connectionString(HUB).replace(`:${emulator.port}`, `:${silentPort}`)).send([{ body: {}, partitionKey: 'p' }], { timeoutMs: 5_000 }),
    );
    expect(classifyEventHubsError(refused).errorClass).toBe('timeout');
  });

  it('refuses an unusable connection string when constructed', () => {
    expect(() => new EventHubsPublisher('Endpoint=sb://127.0.0.1:1/;EntityPath=h')).toThrow(EventHubsConfigurationError);
  });
});
