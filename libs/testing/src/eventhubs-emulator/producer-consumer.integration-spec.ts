import {
  EventHubConsumerClient,
  EventHubProducerClient,
  earliestEventPosition,
  latestEventPosition,
  type ReceivedEventData,
  type Subscription,
  type SubscriptionEventHandlers,
} from '@azure/event-hubs';
import { waitFor } from '../process/spawn-ts';
import { startEventHubsEmulator, type EventHubsEmulator } from './eventhubs-emulator';

const HUB = 'audiences';
const retryOptions = { maxRetries: 2, retryDelayInMs: 200, timeoutInMs: 10_000 };

interface Collected {
  partitionId: string;
  event: ReceivedEventData;
}

describe('Event Hubs emulator with the real producer and consumer clients', () => {
  let emulator: EventHubsEmulator;
  let producer: EventHubProducerClient;
  let consumer: EventHubConsumerClient;
  const subscriptions: Subscription[] = [];
  const consumerErrors: Error[] = [];

  beforeAll(async () => {
    emulator = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 4 }], keys: [{ name: 'RootManageSharedAccessKey', key: 'a2V5LW9uZQ==' }] });
    producer = new EventHubProducerClient(emulator.connectionString(HUB), { retryOptions });
    consumer = new EventHubConsumerClient('$Default', emulator.connectionString(HUB), { retryOptions });
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
    emulator.clear();
    expect(consumerErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await emulator?.stop();
  });

  function collect(target: Collected[], subscribe: (handlers: SubscriptionEventHandlers) => Subscription): void {
    subscriptions.push(
      subscribe({
        processEvents: async (events, context) => {
          for (const event of events) target.push({ partitionId: context.partitionId, event });
        },
        processError: async (error) => {
          consumerErrors.push(error);
        },
      }),
    );
  }

  it('keeps every event of a partition key on one partition, in order, and reads them back from the start', async () => {
    const keys = ['profile-1', 'profile-2', 'profile-3', 'profile-4'];
    for (const round of [0, 1]) {
      for (const key of keys) {
        const batch = await producer.createBatch({ partitionKey: key });
        for (let i = 0; i < 3; i++) expect(batch.tryAdd({ body: { key, n: round * 3 + i }, properties: { key } })).toBe(true);
        await producer.sendBatch(batch);
      }
    }

    for (const key of keys) {
      const stored = emulator.messages(HUB).filter((event) => event.partitionKey === key);
      expect(new Set(stored.map((event) => event.partitionId))).toEqual(new Set([emulator.partitionForKey(HUB, key)]));
      expect(stored.map((event) => (event.body as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
    }

    const received: Collected[] = [];
    collect(received, (handlers) => consumer.subscribe(handlers, { startPosition: earliestEventPosition, maxBatchSize: 5, maxWaitTimeInSeconds: 1 }));
    await waitFor(async () => received.length >= 24, 20_000, '24 events through the consumer');

    for (const key of keys) {
      const ofKey = received.filter(({ event }) => event.partitionKey === key);
      expect(new Set(ofKey.map(({ partitionId }) => partitionId))).toEqual(new Set([emulator.partitionForKey(HUB, key)]));
      expect(ofKey.map(({ event }) => (event.body as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(ofKey.every(({ event }) => event.properties?.['key'] === key)).toBe(true);
    }
    const partitionSequences = new Map<string, number[]>();
    for (const { partitionId, event } of received) {
      partitionSequences.set(partitionId, [...(partitionSequences.get(partitionId) ?? []), event.sequenceNumber]);
      expect(event.enqueuedTimeUtc).toBeInstanceOf(Date);
      expect(typeof event.offset).toBe('string');
    }
    for (const sequences of partitionSequences.values()) expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
  });

  it('stores sends to a partition id there and serves a consumer starting after a sequence number', async () => {
    await producer.sendBatch(
      Array.from({ length: 6 }, (_, n) => ({ body: { n } })),
      { partitionId: '2' },
    );
    const batch = await producer.createBatch({ partitionId: '1' });
    batch.tryAdd({ body: Buffer.from([1, 2, 3]), contentType: 'application/octet-stream', messageId: 'm-1' });
    await producer.sendBatch(batch);

    expect(emulator.messages(HUB, '2').map((event) => event.body)).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
    expect(emulator.messages(HUB, '1')).toEqual([
      expect.objectContaining({ partitionId: '1', body: Buffer.from([1, 2, 3]), contentType: 'application/octet-stream', messageId: 'm-1' }),
    ]);

    const fromSequence: Collected[] = [];
    const startAfter = emulator.messages(HUB, '2')[2].sequenceNumber;
    collect(fromSequence, (handlers) =>
      consumer.subscribe('2', handlers, { startPosition: { sequenceNumber: startAfter }, maxWaitTimeInSeconds: 1 }),
    );
    await waitFor(async () => fromSequence.length >= 3, 20_000, 'events after the sequence number');
    expect(fromSequence.map(({ event }) => event.body)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
    expect(fromSequence.map(({ event }) => event.sequenceNumber)).toEqual([startAfter + 1, startAfter + 2, startAfter + 3]);
  });

  it('delivers live events to a consumer that starts at the latest position, within its credit', async () => {
    await producer.sendBatch([{ body: 'before' }], { partitionId: '0' });
    const live: Collected[] = [];
    collect(live, (handlers) => consumer.subscribe('0', handlers, { startPosition: latestEventPosition, maxBatchSize: 2, maxWaitTimeInSeconds: 1 }));
    // The link attaches asynchronously: probe until the consumer is reading, then send the events under test.
    await waitFor(
      async () => {
        await producer.sendBatch([{ body: 'probe' }], { partitionId: '0' });
        return live.length > 0;
      },
      20_000,
      'the consumer to read live events',
    );
    for (let n = 0; n < 10; n++) await producer.sendBatch([{ body: `live-${n}` }], { partitionId: '0' });

    await waitFor(async () => live.filter(({ event }) => event.body !== 'probe').length >= 10, 20_000, 'ten live events');
    const bodies = live.map(({ event }) => event.body);
    expect(bodies).not.toContain('before');
    expect(bodies.filter((body) => body !== 'probe')).toEqual(Array.from({ length: 10 }, (_, n) => `live-${n}`));
  });
});
