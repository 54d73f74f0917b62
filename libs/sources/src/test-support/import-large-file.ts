/**
 * Runs one import of a pull source in a process of its own and prints its peak RSS, so a spec
 * can measure the memory a large file needs without the test runner's own footprint.
 * Env: DATABASE_URL, DATABASE_SCHEMA, KAFKA_BROKERS, TOPIC, SOURCE_ID, SECRETS_KEYS.
 */
import pino from 'pino';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import { KafkaMessageBus } from '@activation/kafka';
import { createDataSource } from '@activation/persistence';
import { ConnectorFactory } from '../engine/connector-factory';
import { PullRunner } from '../engine/pull-runner';
import { KnownRecordRepository } from '../repositories/known-record.repository';
import { PullSourceRepository } from '../repositories/pull-source.repository';
import { SourceRunRepository } from '../repositories/source-run.repository';

async function main(): Promise<void> {
  const env = process.env as Record<string, string>;
  const dataSource = createDataSource({ url: env['DATABASE_URL'], schema: env['DATABASE_SCHEMA'], poolSize: 2, applicationName: 'large-file-import' });
  await dataSource.initialize();
  const bus = new KafkaMessageBus({ brokers: env['KAFKA_BROKERS'].split(','), clientId: 'large-file-import' });
  const sources = new PullSourceRepository(dataSource);
  const runs = new SourceRunRepository(dataSource);
  const runner = new PullRunner({
    dataSource, bus, topic: env['TOPIC'], sources, runs, records: new KnownRecordRepository(dataSource), logger: pino({ level: 'silent' }),
  });
  const factory = new ConnectorFactory(new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: env['SECRETS_KEYS'] })));
  const source = await sources.findById(env['SOURCE_ID']);
  if (!source) throw new Error('no such source');
  const started = Date.now();
  const trace = env['MEMORY_TRACE'] ? setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(`rss=${(m.rss / 1048576).toFixed(0)} heap=${(m.heapUsed / 1048576).toFixed(0)}/${(m.heapTotal / 1048576).toFixed(0)} external=${(m.external / 1048576).toFixed(0)} buffers=${(m.arrayBuffers / 1048576).toFixed(0)}\n`);
  }, 1_000) : undefined;
  const run = await runs.findById(await runner.run(source, factory.create(source), 'manual'));
  if (trace) clearInterval(trace);
  const result = { run, seconds: (Date.now() - started) / 1_000, maxRssMb: process.resourceUsage().maxRSS / 1_024 };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  await bus.close();
  await dataSource.destroy();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
