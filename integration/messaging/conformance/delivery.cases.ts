import { uniqueGroup, uniqueTopic, waitFor } from '@activation/testing';
import { collect, json, text, waitForCount, WAIT_MS } from './conformance-environment';
import type { SuiteContext } from './message-bus-conformance';

export function deliveryCases(suite: SuiteContext): void {
  suite.it('round-trip', 'delivers keys, headers and binary values unchanged', async () => {
    const bus = await suite.bus('round-trip');
    const topic = uniqueTopic('round-trip');
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const before = Date.now();
    await bus.publish(topic, [
      { key: 'binary', value: binary, headers: { 'x-kind': 'bytes', 'x-unicode': 'ä ✓ 日本' } },
      { key: null, value: 'plain text ✓' },
      { key: 'object', value: { n: 1, nested: { ok: true } } },
    ]);

    const { messages, subscription } = await collect(bus, topic);
    await waitForCount(messages, 3, 'round-trip messages');
    suite.stopLater(subscription);

    const byValue = (predicate: (m: (typeof messages)[number]) => boolean) => messages.find(predicate)!;
    const bytes = byValue((m) => m.key === 'binary');
    expect(Buffer.compare(bytes.value!, binary)).toBe(0);
    expect(bytes.headers).toMatchObject({ 'x-kind': 'bytes', 'x-unicode': 'ä ✓ 日本' });
    const plain = byValue((m) => m.key === null);
    expect(text(plain)).toBe('plain text ✓');
    expect(json(byValue((m) => m.key === 'object'))).toEqual({ n: 1, nested: { ok: true } });
    for (const message of messages) {
      expect(message.topic).toBe(topic);
      expect([0, 1, 2]).toContain(message.partition);
      expect(message.offset).toMatch(/^\d+$/);
      expect(message.timestamp).toBeGreaterThanOrEqual(before - 60_000);
      expect(message.timestamp).toBeLessThanOrEqual(Date.now() + 60_000);
    }
  });

  suite.it('key-order', 'keeps the order of each key, each key on one partition, across all partitions', async () => {
    const bus = await suite.bus('key-order');
    const topic = uniqueTopic('key-order');
    const keys = 12;
    const perKey = 25;
    await bus.ensureTopics([{ topic, partitions: 4 }]);
    for (let round = 0; round < perKey; round += 5) {
      const messages = [];
      for (let seq = round; seq < round + 5; seq += 1) {
        for (let k = 0; k < keys; k += 1) messages.push({ key: `key-${k}`, value: { seq } });
      }
      await bus.publish(topic, messages);
    }

    const { messages, subscription } = await collect(bus, topic);
    await waitForCount(messages, keys * perKey, 'keyed messages');
    suite.stopLater(subscription);

    const partitionsOfKey = new Map<string, Set<number>>();
    const seqsOfKey = new Map<string, number[]>();
    for (const message of messages) {
      partitionsOfKey.set(message.key!, (partitionsOfKey.get(message.key!) ?? new Set()).add(message.partition));
      seqsOfKey.set(message.key!, [...(seqsOfKey.get(message.key!) ?? []), json<{ seq: number }>(message).seq]);
    }
    for (let k = 0; k < keys; k += 1) {
      expect(partitionsOfKey.get(`key-${k}`)?.size).toBe(1);
      expect(seqsOfKey.get(`key-${k}`)).toEqual(Array.from({ length: perKey }, (_, i) => i));
    }
    expect(new Set(messages.map((m) => m.partition)).size).toBeGreaterThan(1);
    for (const partition of new Set(messages.map((m) => m.partition))) {
      const offsets = messages.filter((m) => m.partition === partition).map((m) => BigInt(m.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  suite.it('new-group-from-beginning', 'lets a new group read the topic from the beginning', async () => {
    const bus = await suite.bus('new-group');
    const topic = uniqueTopic('new-group');
    await bus.ensureTopics([{ topic, partitions: 2 }]);
    await bus.publish(topic, Array.from({ length: 6 }, (_, n) => ({ key: `k${n}`, value: { n } })));

    const first = await collect(bus, topic, { groupId: uniqueGroup('first') });
    await waitForCount(first.messages, 6, 'messages for the first group');
    suite.stopLater(first.subscription);
    const second = await collect(bus, topic, { groupId: uniqueGroup('second'), fromBeginning: true });
    await waitForCount(second.messages, 6, 'messages for a second, new group');
    suite.stopLater(second.subscription);

    const positions = (list: typeof first.messages) => list.map((m) => `${m.partition}:${m.offset}`).sort();
    expect(positions(second.messages)).toEqual(positions(first.messages));
  });

  suite.it('new-group-from-end', 'starts a new group without fromBeginning at the end of the topic', async () => {
    const bus = await suite.bus('from-end');
    const topic = uniqueTopic('from-end');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    await bus.publish(topic, [{ key: 'old', value: { old: true } }]);

    const latest = await collect(bus, topic, { fromBeginning: false });
    // The group positions itself some time after subscribing: publish until a new message arrives.
    let marker = 0;
    await waitFor(async () => {
      if (latest.messages.length > 0) return true;
      await bus.publish(topic, [{ key: 'new', value: { marker: (marker += 1) } }]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return false;
    }, WAIT_MS, 'a message published after subscribing');
    suite.stopLater(latest.subscription);
    expect(latest.messages.every((m) => m.key === 'new')).toBe(true);
  });
}
