import { createTestBus } from '@activation/testing';
import { describeMessageBusConformance } from './message-bus-conformance';

describeMessageBusConformance(
  'KafkaMessageBus on the broker',
  async () => ({
    createBus: async (name, options = {}) => createTestBus(`conformance-${name}`, { deadLetters: options.deadLetters }),
    dispose: async () => undefined,
  }),
);
