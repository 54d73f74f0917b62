import { EventHubConsumerClient, EventHubProducerClient, earliestEventPosition, type ReceivedEventData } from '@azure/event-hubs';
import { waitFor } from '../process/spawn-ts';
import { startEventHubsEmulator, type EventHubsEmulator } from './eventhubs-emulator';

const retryOptions = { maxRetries: 1, retryDelayInMs: 200, timeoutInMs: 10_000 };

describe('Event Hubs emulator $management through the real clients', () => {
  let emulator: EventHubsEmulator;
  let producer: EventHubProducerClient;
  let consumer: EventHubConsumerClient;

  beforeAll(async () => {
    emulator = await startEventHubsEmulator({
      hubs: [
        { name: 'audiences', partitions: 3 },
        { name: 'exports', partitions: 1 },
      ],
      keys: [{ name: 'RootManageSharedAccessKey', key: 'bWFuYWdlbWVudA==' }],
      maxMessageSize: 64 * 1024,
    });
    producer = new EventHubProducerClient(emulator.connectionString('audiences'), { retryOptions });
    consumer = new EventHubConsumerClient('$Default', emulator.connectionString('audiences'), { retryOptions });
  });

  afterAll(async () => {
    await consumer?.close();
    await producer?.close();
    await emulator?.stop();
  });

  it('answers hub properties and partition ids for both clients', async () => {
    const properties = await producer.getEventHubProperties();
    expect(properties).toEqual({ name: 'audiences', createdOn: expect.any(Date), partitionIds: ['0', '1', '2'], isGeoDrEnabled: false });
    expect(await producer.getPartitionIds()).toEqual(['0', '1', '2']);
    expect(await consumer.getPartitionIds()).toEqual(['0', '1', '2']);

    const exportsClient = new EventHubProducerClient(emulator.connectionString('exports'), { retryOptions });
    try {
      expect(await exportsClient.getPartitionIds()).toEqual(['0']);
    } finally {
      await exportsClient.close();
    }
  });

  it('reports an empty partition, then real sequence numbers and offsets after sends', async () => {
    expect(await consumer.getPartitionProperties('1')).toMatchObject({
      eventHubName: 'audiences',
      partitionId: '1',
      isEmpty: true,
      beginningSequenceNumber: 0,
      lastEnqueuedSequenceNumber: -1,
    });

    await producer.sendBatch([{ body: 'one' }, { body: 'two' }, { body: 'three' }], { partitionId: '1' });
    const read: ReceivedEventData[] = [];
    const subscription = consumer.subscribe(
      '1',
      { processEvents: async (events) => void read.push(...events), processError: async () => undefined },
      { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 1 },
    );
    try {
      await waitFor(async () => read.length >= 3, 20_000, 'three events on partition 1');
    } finally {
      await subscription.close();
    }

    const last = read[2];
    const properties = await producer.getPartitionProperties('1');
    expect(properties).toEqual({
      eventHubName: 'audiences',
      partitionId: '1',
      isEmpty: false,
      beginningSequenceNumber: 0,
      lastEnqueuedSequenceNumber: last.sequenceNumber,
      lastEnqueuedOffset: last.offset,
      lastEnqueuedOnUtc: last.enqueuedTimeUtc,
    });
    expect(last.sequenceNumber).toBe(2);
    expect(Number(read[1].offset)).toBeGreaterThan(Number(read[0].offset));
  });

  it('refuses a partition the hub does not have', async () => {
    await expect(producer.getPartitionProperties('7')).rejects.toMatchObject({ code: 'ArgumentOutOfRangeError' });
  });

  it('announces its max message size to the producer, which sizes batches by it', async () => {
    const batch = await producer.createBatch();
    expect(batch.maxSizeInBytes).toBe(64 * 1024);
    expect(batch.tryAdd({ body: 'x'.repeat(70 * 1024) })).toBe(false);
  });
});
