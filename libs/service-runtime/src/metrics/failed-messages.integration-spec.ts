import { EmbeddedLogBus } from '@activation/embedded-log';
import { PermanentMessageError, type BusObserver, type MessageBus } from '@activation/kafka';
import { createTestBus, createTestSchema, uniqueGroup, uniqueTopic, waitFor, type TestSchema } from '@activation/testing';
import { ServiceMetrics } from './metrics';

/** Failed, dead-lettered and processed messages counted through each bus's observer. */
describe.each([
  ['Kafka', async (observer: BusObserver) => ({ bus: createTestBus('failed-messages-spec', { observer }) as MessageBus, done: async () => undefined })],
  [
    'the embedded log',
    async (observer: BusObserver) => {
      const schema: TestSchema = await createTestSchema();
      const bus = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'failed-messages-spec', maxAttempts: 3, backoff: { initialMs: 20, maxMs: 200 }, observer, timings: { pollIntervalMs: 100 } });
      return { bus: bus as MessageBus, done: () => schema.drop() };
    },
  ],
])('failed messages on %s', (_name, setUp) => {
  it('counts failures by reason: an invalid message once, a failing handler per attempt', async () => {
    const metrics = new ServiceMetrics('failed-spec');
    const { bus, done } = await setUp(metrics.busObserver());
    const topic = uniqueTopic('failing');
    const sample = async (name: string, labels: string) => {
      const line = (await metrics.registry.metrics()).split('\n').find((entry) => entry.startsWith(`${name}{topic="${topic}"${labels},service="failed-spec"} `));
      return Number(line?.split(' ')[1] ?? 0);
    };
    try {
      await bus.ensureTopics([{ topic, partitions: 1, withDeadLetterTopic: true }]);
      const subscription = await bus.subscribe({
        groupId: uniqueGroup('failing'), topics: [topic], service: 'failed-spec', fromBeginning: true,
        handler: async (messages) => {
          for (const message of messages) {
            if (message.key === 'invalid') throw new PermanentMessageError('not a profile');
            if (message.key === 'broken') throw new Error('handler bug');
          }
        },
      });
      await bus.publish(topic, [{ key: 'invalid', value: {} }]);
      await waitFor(async () => (await sample('activation_dead_letters_total', '')) === 1, 20_000, 'the invalid message dead-lettered');
      await bus.publish(topic, [{ key: 'broken', value: {} }]);
      await waitFor(async () => (await sample('activation_dead_letters_total', '')) === 2, 20_000, 'the broken message dead-lettered');
      await bus.publish(topic, [{ key: 'fine', value: {} }]);
      await waitFor(async () => (await sample('activation_messages_processed_total', '')) === 3, 20_000, 'all three committed');
      await subscription.stop();

      expect(await sample('activation_messages_failed_total', ',reason="invalid"')).toBe(1);
      expect(await sample('activation_messages_failed_total', ',reason="handler-error"')).toBe(3);
      expect(await sample('activation_messages_failed_total', ',reason="transient"')).toBe(0);
    } finally {
      await bus.close();
      await done();
    }
  });
});
