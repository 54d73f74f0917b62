import { deadLetterTopicOf, HEADERS } from '@activation/contracts';
import type { ConsumedMessage } from '@activation/kafka';
import { uniqueGroup, uniqueTopic, waitFor } from '@activation/testing';
import { collect, json, MemoryDeadLetterRecorder, waitForCount, WAIT_MS } from './conformance-environment';
import type { SuiteContext } from './message-bus-conformance';

const numbers = (messages: ConsumedMessage[]) => messages.map((m) => json<{ n: number }>(m).n);

export function failureCases(suite: SuiteContext): void {
  suite.it('commit-after-success', 'commits only after success: a failing batch is redelivered, never skipped', async () => {
    const bus = await suite.bus('commit-after-success');
    const topic = uniqueTopic('commit');
    const groupId = uniqueGroup('commit');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    await bus.publish(topic, Array.from({ length: 5 }, (_, n) => ({ key: 'same', value: { n } })));

    const attempted: number[][] = [];
    const failing = await bus.subscribe({
      groupId, topics: [topic], service: 'conformance', maxAttempts: 1_000,
      handler: async (batch) => {
        attempted.push(numbers(batch));
        throw new Error('not yet');
      },
    });
    await waitFor(async () => attempted.length >= 2, WAIT_MS, 'the failing batch to be retried');
    await failing.stop();
    expect(attempted.every((batch) => batch[0] === 0)).toBe(true);

    const healthy = await collect(bus, topic, { groupId });
    await waitForCount(healthy.messages, 5, 'the uncommitted messages again');
    await healthy.subscription.stop();
    expect(numbers(healthy.messages)).toEqual([0, 1, 2, 3, 4]);

    await bus.publish(topic, [{ key: 'same', value: { n: 5 } }]);
    const after = await collect(bus, topic, { groupId });
    await waitForCount(after.messages, 1, 'the message published after the commit');
    suite.stopLater(after.subscription);
    expect(numbers(after.messages)).toEqual([5]);
  });

  suite.it('poison-to-dead-letters', 'dead-letters a poison message with its reason and origin, and handles the rest in order', async () => {
    const deadLetters = new MemoryDeadLetterRecorder();
    const bus = await suite.bus('poison', { deadLetters });
    const topic = uniqueTopic('poison');
    await bus.ensureTopics([{ topic, partitions: 1, withDeadLetterTopic: true }]);
    await bus.publish(topic, Array.from({ length: 6 }, (_, n) => ({ key: 'same', value: { n }, headers: { 'x-n': String(n) } })));

    const handled: number[] = [];
    const subscription = await bus.subscribe({
      groupId: uniqueGroup('poison'), topics: [topic], service: 'conformance-poison', maxAttempts: 2,
      handler: async (batch) => {
        if (numbers(batch).includes(3)) throw new Error('cannot handle message 3');
        handled.push(...numbers(batch));
      },
    });
    await waitFor(async () => handled.length >= 5, WAIT_MS, 'the five healthy messages');
    suite.stopLater(subscription);
    expect(handled).toEqual([0, 1, 2, 4, 5]);

    const dlq = await collect(bus, deadLetterTopicOf(topic));
    await waitForCount(dlq.messages, 1, 'the dead letter');
    suite.stopLater(dlq.subscription);
    expect(dlq.messages).toHaveLength(1);
    const [letter] = dlq.messages;
    expect(json(letter)).toEqual({ n: 3 });
    expect(letter.key).toBe('same');
    expect(letter.headers['x-n']).toBe('3');
    expect(letter.headers[HEADERS.deadLetterReason]).toContain('cannot handle message 3');
    expect(letter.headers[HEADERS.deadLetterService]).toBe('conformance-poison');
    expect(letter.headers[HEADERS.sourceTopic]).toBe(topic);
    expect(letter.headers[HEADERS.sourcePartition]).toBe('0');
    expect(letter.headers[HEADERS.sourceOffset]).toBe('3');

    expect(deadLetters.letters).toHaveLength(1);
    expect(deadLetters.letters[0]).toMatchObject({ service: 'conformance-poison', topic, partition: 0, offset: '3', key: 'same' });
    expect(deadLetters.letters[0].reason).toContain('cannot handle message 3');
  });

  suite.it('stop-commits-in-flight-batch', 'stop() lets the in-flight batch finish and commits it', async () => {
    const bus = await suite.bus('graceful-stop');
    const topic = uniqueTopic('stop');
    const groupId = uniqueGroup('stop');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    await bus.publish(topic, Array.from({ length: 10 }, (_, n) => ({ key: 'same', value: { n } })));

    const events: string[] = [];
    const firstBatch: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const subscription = await bus.subscribe({
      groupId, topics: [topic], service: 'conformance',
      handler: async (batch) => {
        if (firstBatch.length > 0) {
          events.push('another batch');
          return;
        }
        firstBatch.push(...numbers(batch));
        events.push('handling');
        await gate;
        events.push('handled');
      },
    });
    await waitFor(async () => events.includes('handling'), WAIT_MS, 'the first batch to be in flight');
    const stopped = subscription.stop().then(() => events.push('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await stopped;
    expect(events).toEqual(['handling', 'handled', 'stopped']);

    await bus.publish(topic, [{ key: 'same', value: { n: 10 } }]);
    const next = await collect(bus, topic, { groupId });
    await waitFor(async () => numbers(next.messages).includes(10), WAIT_MS, 'the message published after stop');
    suite.stopLater(next.subscription);
    const redelivered = numbers(next.messages).filter((n) => firstBatch.includes(n));
    expect(redelivered).toEqual([]);
    expect([...firstBatch, ...numbers(next.messages)]).toEqual(Array.from({ length: 11 }, (_, n) => n));
  });
}
