import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestBus, spawnTs, testKafkaBrokers, uniqueGroup, uniqueTopic } from '@activation/testing';
import { startTracing, tracingEnabled } from './tracing';

const TRACE = '5b8efff798038103d269b633813fc60c';

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, a consumed Kafka message becomes a span of its trace,
 * exported over OTLP/HTTP (in a process of its own: the exporter loads `http` lazily, as Node does
 * and the test runner's sandbox does not).
 */
describe('OpenTelemetry tracing', () => {
  let collector: Server;
  const received: Array<{ path: string; body: string }> = [];

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise((resolve) => collector.close(resolve)));

  it('stays off without an endpoint', () => {
    expect(startTracing('spec', {})).toBe(false);
    expect(tracingEnabled()).toBe(false);
  });

  it('exports a consumer span in the trace of the message it handled', async () => {
    const topic = uniqueTopic('traced');
    const bus = createTestBus('tracing-spec');
    await bus.ensureTopics([{ topic, partitions: 1 }]);
    await bus.publish(topic, [{ key: 'p1', value: { a: 1 }, headers: { traceparent: `00-${TRACE}-b7ad6b7169203331-01`, 'x-event-id': 'evt-1' } }]);
    await bus.close();

    const consumer = spawnTs('libs/service-runtime/src/testing/traced-consumer-fixture.ts', {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      KAFKA_BROKERS: testKafkaBrokers().join(','), TRACED_TOPIC: topic, TRACED_GROUP: uniqueGroup('traced'), KAFKAJS_NO_PARTITIONER_WARNING: '1',
    });
    const exitCode = await consumer.exited;
    expect({ exitCode, output: exitCode === 0 ? '' : consumer.output() }).toEqual({ exitCode: 0, output: '' });

    const exported = received.filter((request) => request.path === '/v1/traces').map((request) => request.body).join('\n');
    expect(exported).toContain(TRACE);
    expect(exported).toContain('b7ad6b7169203331');
    expect(exported).toContain(`process ${topic}`);
    expect(exported).toContain('traced-consumer');
  }, 60_000);
});
