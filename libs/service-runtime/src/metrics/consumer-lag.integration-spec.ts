import { EmbeddedLogBus } from '@activation/embedded-log';
import type { MessageBus } from '@activation/kafka';
import { createTestBus, createTestSchema, uniqueGroup, uniqueTopic, waitFor, type TestSchema } from '@activation/testing';
import { ServiceMetrics } from './metrics';

/** `activation_consumer_lag_messages` read from each bus while a consumer is held back, then after it caught up. */
describe.each([
  ['Kafka', async () => ({ bus: createTestBus('consumer-lag-spec') as MessageBus, done: async () => undefined })],
  [
    'the embedded log',
    async () => {
      const schema: TestSchema = await createTestSchema();
      const bus = new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'consumer-lag-spec', timings: { pollIntervalMs: 100 } });
      return { bus: bus as MessageBus, done: () => schema.drop() };
    },
  ],
])('consumer lag on %s', (_name, setUp) => {
  it('shows the messages a group has not committed, per partition', async () => {
    const { bus, done } = await setUp();
    const topic = uniqueTopic('lag');
    const group = uniqueGroup('lag');
    const metrics = new ServiceMetrics('lag-spec');
    metrics.observeConsumerLag(() => bus.consumerLag!());
    const lagOf = async () => {
      const text = await metrics.registry.metrics();
      const pattern = new RegExp(`^activation_consumer_lag_messages\\{group="${group}",topic="${topic.replace(/\./g, '\\.')}",partition="0",service="lag-spec"\\} (\\d+)$`, 'm');
      return Number(pattern.exec(text)?.[1] ?? NaN);
    };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    try {
      await bus.ensureTopics([{ topic, partitions: 1 }]);
      const subscription = await bus.subscribe({ groupId: group, topics: [topic], service: 'lag-spec', fromBeginning: true, handler: () => gate });
      await bus.publish(topic, [1, 2, 3, 4].map((n) => ({ key: `k${n}`, value: { n } })));
      await waitFor(async () => (await lagOf()) === 4, 20_000, 'a lag of 4 while the handler is held');
      release();
      await waitFor(async () => (await lagOf()) === 0, 20_000, 'no lag once the handler committed');
      await subscription.stop();
    } finally {
      release();
      await bus.close();
      await done();
    }
  });
});
