import { createTestSchema, testDatabaseUrl } from '@activation/testing';
import { embeddedLogEnvironment } from './embedded-log-environment';
import { describeMessageBusConformance } from './message-bus-conformance';

describeMessageBusConformance('EmbeddedLogBus on PostgreSQL', async () => {
  const schema = await createTestSchema();
  return embeddedLogEnvironment(testDatabaseUrl(), schema.name, () => schema.drop());
});
