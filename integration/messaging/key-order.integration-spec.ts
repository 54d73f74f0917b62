import { randomEventId } from '@activation/contracts';
import type { ConsumedMessage, Subscription } from '@activation/kafka';
import { createTestBus, uniqueGroup, uniqueTopic, waitFor } from '@activation/testing';

const KEYS = 24;
const PER_KEY = 60;

describe('kafkajs message bus: delivery across a consumer group', () => {
  const producerBus = createTestBus('producer-app');
  const firstBus = createTestBus('consumer-app-1');
  const secondBus = createTestBus('consumer-app-2');
  const topic = uniqueTopic('key-order');
  const groupId = uniqueGroup('key-order');

  afterAll(async () => {
    await Promise.all([producerBus.close(), firstBus.close(), secondBus.close()]);
  });

  it('delivers every message of one app to another app\'s group, keeping key order across rebalances', async () => {
    await producerBus.ensureTopics([{ topic, partitions: 4 }]);
    const seenBy = new Map<string, Array<{ key: string; seq: number; eventId: string }>>();
    const handler = (consumer: string) => async (messages: ConsumedMessage[]) => {
      const list = seenBy.get(consumer) ?? [];
      for (const message of messages) {
        const value = JSON.parse(message.value!.toString()) as { seq: number; eventId: string };
        list.push({ key: message.key!, seq: value.seq, eventId: value.eventId });
      }
      seenBy.set(consumer, list);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };

    const publishRound = async (from: number, to: number) => {
      const messages = [];
      for (let seq = from; seq < to; seq += 1) {
        for (let k = 0; k < KEYS; k += 1) {
          messages.push({ key: `key-${k}`, value: { seq, eventId: `${k}:${seq}`, id: randomEventId() } });
        }
      }
      await producerBus.publish(topic, messages);
    };

    const first: Subscription = await firstBus.subscribe({ groupId, topics: [topic], service: 'c1', handler: handler('c1') });
    await publishRound(0, 20);
    await waitFor(async () => (seenBy.get('c1')?.length ?? 0) >= KEYS * 5, 30_000, 'first consumer to start');

    // A second member joins mid-stream: partitions are rebalanced between the two.
    const second = await secondBus.subscribe({ groupId, topics: [topic], service: 'c2', handler: handler('c2') });
    await publishRound(20, 40);
    await waitFor(async () => (seenBy.get('c2')?.length ?? 0) > 0, 30_000, 'second consumer to receive');

    // The first member leaves: its partitions move to the second.
    await first.stop();
    await publishRound(40, PER_KEY);

    const distinct = () => new Set([...seenBy.values()].flat().map((m) => m.eventId)).size;
    await waitFor(async () => distinct() === KEYS * PER_KEY, 60_000, 'every message to arrive');
    await second.stop();

    for (const [consumer, list] of seenBy) {
      const lastSeq = new Map<string, number>();
      for (const { key, seq } of list) {
        const previous = lastSeq.get(key);
        // Each member sees each key in increasing order (offsets are committed after every batch).
        if (previous !== undefined && seq <= previous) throw new Error(`${consumer} saw ${key} seq ${seq} after ${previous}`);
        lastSeq.set(key, seq);
      }
    }
    // Partitions only move from the first member to the second, so across members the first delivery of each key's messages is in order and nothing is missing.
    const firstSeen = new Map<string, number[]>();
    const all = [...(seenBy.get('c1') ?? []), ...(seenBy.get('c2') ?? [])];
    const seen = new Set<string>();
    for (const { key, seq, eventId } of all) {
      if (seen.has(eventId)) continue;
      seen.add(eventId);
      firstSeen.set(key, [...(firstSeen.get(key) ?? []), seq]);
    }
    for (let k = 0; k < KEYS; k += 1) {
      expect(firstSeen.get(`key-${k}`)).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
    }
    expect(seenBy.get('c1')!.length).toBeGreaterThan(0);
    expect(seenBy.get('c2')!.length).toBeGreaterThan(0);
  });
});
