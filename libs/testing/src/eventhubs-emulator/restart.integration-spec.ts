import { EventHubConsumerClient, EventHubProducerClient, earliestEventPosition, type ReceivedEventData } from '@azure/event-hubs';
import { waitFor } from '../process/spawn-ts';
import { startEventHubsEmulator, type EventHubsEmulator } from './eventhubs-emulator';

const HUB = 'audiences';
// Enough retries to outlast the outage below; short delays so the spec stays quick.
const retryOptions = { maxRetries: 20, retryDelayInMs: 250, maxRetryDelayInMs: 500, timeoutInMs: 5_000 };

describe('Event Hubs emulator stopped mid-stream and restarted on the same port', () => {
  let emulator: EventHubsEmulator;

  beforeAll(async () => {
    emulator = await startEventHubsEmulator({ hubs: [{ name: HUB, partitions: 2 }], keys: [{ name: 'RootManageSharedAccessKey', key: 'cmVzdGFydA==' }] });
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it('keeps what it acknowledged, and retrying producers and consumers carry on after it returns', async () => {
    const producer = new EventHubProducerClient(emulator.connectionString(HUB), { retryOptions });
    const consumer = new EventHubConsumerClient('$Default', emulator.connectionString(HUB), { retryOptions });
    const received: ReceivedEventData[] = [];
    const subscription = consumer.subscribe(
      '0',
      { processEvents: async (events) => void received.push(...events), processError: async () => undefined },
      { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 1 },
    );
    const port = emulator.port;
    const acknowledged: number[] = [];
    try {
      const sending = (async () => {
        for (let n = 0; n < 30; n++) {
          await producer.sendBatch([{ body: { n } }], { partitionId: '0' });
          acknowledged.push(n);
          await new Promise((resolve) => setTimeout(resolve, 50)); // paced, so the outage falls mid-stream
        }
      })();
      // Stop wherever the producer happens to be, possibly between storing a send and acknowledging it.
      await emulator.waitForMessages(HUB, 10, { partitionId: '0' });
      await emulator.stop();
      expect(acknowledged.length).toBeLessThan(30);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await emulator.restart();
      await sending;
      expect(emulator.port).toBe(port);
      expect(acknowledged).toHaveLength(30);

      // At least once: whatever was acknowledged is stored (a send cut off before its acknowledgement may be stored twice).
      const stored = emulator.messages(HUB, '0');
      const storedBodies = stored.map((event) => (event.body as { n: number }).n);
      for (const n of acknowledged) expect(storedBodies).toContain(n);

      await waitFor(async () => received.length >= stored.length, 20_000, 'the consumer to read every event after the restart');
      // The consumer resumes after the last event it had: every stored event exactly once, in order.
      expect(received.map((event) => event.sequenceNumber)).toEqual(stored.map((event) => event.sequenceNumber));
    } finally {
      await subscription.close();
      await consumer.close();
      await producer.close();
    }
  });
});
