import { EventHubConsumerClient, EventHubProducerClient, earliestEventPosition } from '@azure/event-hubs';
import { create_container, type EventContext } from 'rhea';
import { waitFor } from '../process/spawn-ts';
import { startEventHubsEmulator, type EventHubsEmulator } from './eventhubs-emulator';
import { createSasToken } from './sas-token';

const HUB = 'audiences';
const KEY = { name: 'RootManageSharedAccessKey', key: 'cmlnaHQta2V5' };
const noRetries = { maxRetries: 0, timeoutInMs: 5_000 };
const oneRetry = { maxRetries: 1, retryDelayInMs: 100, timeoutInMs: 5_000 };

/** The SDK wraps the attempts of a retried operation in (nested) AggregateErrors; these are the attempts' errors. */
function leafErrors(error: unknown): Array<Error & { code?: string }> {
  const nested = (error as { errors?: unknown[] }).errors;
  return Array.isArray(nested) ? nested.flatMap(leafErrors) : [error as Error & { code?: string }];
}

async function sendOne(connectionString: string, retryOptions = noRetries): Promise<unknown> {
  const producer = new EventHubProducerClient(connectionString, { retryOptions });
  try {
    await producer.sendBatch([{ body: 'hello' }]);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await producer.close().catch(() => undefined);
  }
}

const sasConnectionString = (emulator: EventHubsEmulator, token: string, hub = HUB): string =>
  `Endpoint=sb://127.0.0.1:${emulator.port};SharedAccessSignature=${token};EntityPath=${hub};UseDevelopmentEmulator=true`;

describe('Event Hubs emulator authorization', () => {
  let emulator: EventHubsEmulator;

  beforeAll(async () => {
    emulator = await startEventHubsEmulator({
      hubs: [
        { name: HUB, partitions: 2 },
        { name: 'exports', partitions: 1 },
      ],
      keys: [KEY],
    });
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('rejects a wrong key quickly with UnauthorizedError and stores nothing', async () => {
    const started = Date.now();
    const error = await sendOne(emulator.connectionString(HUB).replace(KEY.key, 'd3Jvbmcta2V5'));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toMatchObject({ name: 'MessagingError', code: 'UnauthorizedError', message: expect.stringMatching(/^InvalidSignature/) });
    expect(emulator.messages(HUB)).toEqual([]);
  });

  it('with retries, every attempt fails the same way inside an AggregateError', async () => {
    const error = await sendOne(emulator.connectionString(HUB).replace(KEY.key, 'd3Jvbmcta2V5'), oneRetry);
    expect(error).toBeInstanceOf(AggregateError);
    const leaves = leafErrors(error);
    expect(leaves.length).toBeGreaterThanOrEqual(2);
    expect(new Set(leaves.map((leaf) => leaf.code))).toEqual(new Set(['UnauthorizedError']));
  });

  it('rejects an unknown key name', async () => {
    const error = await sendOne(emulator.connectionString(HUB).replace(`SharedAccessKeyName=${KEY.name}`, 'SharedAccessKeyName=Nobody'));
    expect(error).toMatchObject({ code: 'UnauthorizedError' });
  });

  it('accepts a valid shared access signature and refuses an expired one', async () => {
    const resource = `sb://127.0.0.1:${emulator.port}/${HUB}`;
    const now = Math.floor(Date.now() / 1000);
    const valid = createSasToken({ resource, keyName: KEY.name, key: KEY.key, expiresAtSeconds: now + 600 });
    expect(await sendOne(sasConnectionString(emulator, valid))).toBeUndefined();

    const expired = createSasToken({ resource, keyName: KEY.name, key: KEY.key, expiresAtSeconds: now - 60 });
    expect(await sendOne(sasConnectionString(emulator, expired))).toMatchObject({
      code: 'UnauthorizedError',
      message: expect.stringMatching(/^ExpiredToken/),
    });
    expect(emulator.messages(HUB)).toHaveLength(1);
  });

  it('detaches a sender whose token expires and refuses its next send', async () => {
    const shortLived = createSasToken({
      resource: `sb://127.0.0.1:${emulator.port}/${HUB}`,
      keyName: KEY.name,
      key: KEY.key,
      expiresAtSeconds: Math.floor(Date.now() / 1000) + 3,
    });
    const producer = new EventHubProducerClient(sasConnectionString(emulator, shortLived), { retryOptions: noRetries });
    try {
      await producer.sendBatch([{ body: 'while valid' }], { partitionId: '1' });
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      const error = await producer.sendBatch([{ body: 'after expiry' }], { partitionId: '1' }).then(() => undefined, (caught: unknown) => caught);
      expect(leafErrors(error).map((leaf) => leaf.code)).toContain('UnauthorizedError');
    } finally {
      await producer.close().catch(() => undefined);
    }
    expect(emulator.messages(HUB, '1').map((event) => event.body)).toEqual(['while valid']);
  });

  it('refuses a token signed for another hub', async () => {
    const forExports = createSasToken({
      resource: `sb://127.0.0.1:${emulator.port}/exports`,
      keyName: KEY.name,
      key: KEY.key,
      expiresAtSeconds: Math.floor(Date.now() / 1000) + 600,
    });
    expect(await sendOne(sasConnectionString(emulator, forExports))).toMatchObject({ code: 'UnauthorizedError' });
  });

  it('reports a wrong key to a consumer through processError and to management calls', async () => {
    const consumer = new EventHubConsumerClient('$Default', emulator.connectionString(HUB).replace(KEY.key, 'd3Jvbmcta2V5'), {
      retryOptions: noRetries,
    });
    const errors: Array<Error & { code?: string }> = [];
    const subscription = consumer.subscribe(
      '0',
      { processEvents: async () => undefined, processError: async (error) => void errors.push(...leafErrors(error)) },
      { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 1 },
    );
    try {
      await waitFor(async () => errors.some((error) => error.code === 'UnauthorizedError'), 20_000, 'UnauthorizedError in processError');
      await expect(consumer.getPartitionIds()).rejects.toMatchObject({ code: 'UnauthorizedError' });
    } finally {
      await subscription.close();
      await consumer.close();
    }
  });

  it('detaches a link attached to a hub without a token', async () => {
    const container = create_container();
    const connection = container.connect({ host: '127.0.0.1', port: emulator.port, reconnect: false });
    connection.on('disconnected', () => undefined);
    try {
      const refusal = await new Promise<{ condition?: string }>((resolve) => {
        const sender = connection.open_sender({ target: { address: HUB } });
        sender.on('sender_error', (context: EventContext) => resolve((context.sender?.error ?? {}) as { condition?: string }));
      });
      expect(refusal.condition).toBe('amqp:unauthorized-access');
    } finally {
      await new Promise((resolve) => {
        connection.once('connection_close', resolve);
        connection.close();
      });
    }
  });

  it('reports an unreachable namespace as a connection error', async () => {
    const down = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 1 }], keys: [KEY] });
    const connectionString = down.connectionString(HUB);
    await down.stop();
    expect(await sendOne(connectionString)).toMatchObject({ name: 'MessagingError', code: 'ECONNREFUSED', retryable: true });
  });
});
