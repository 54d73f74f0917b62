import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CONFIGURATION_ENTITIES, generateApiKey } from '@activation/configuration';
import { HEADERS } from '@activation/contracts';
import { traceIdOf } from '@activation/kafka';
import { startService } from '@activation/service-runtime';
import { evaluatorService } from '@activation/services/evaluator';
import { ingesterService } from '@activation/services/ingester';
import { createTestBus, createTestSchema, readTopic, testDatabaseUrl, testKafkaBrokers, uniqueGroup, uniqueTopic, type TestSchema, freePort } from '@activation/testing';

/**
 * A change ingested over HTTP starts a trace; the ingester's profile-input message and the
 * evaluator's membership event carry the same trace id in their `traceparent`, each with a span
 * of its own.
 */
describe('trace context from ingest to membership (ingester and evaluator on Kafka and Postgres)', () => {
  let schema: TestSchema;
  const apps: INestApplication[] = [];
  let ingesterUrl: string;
  const ingestKey = generateApiKey();
  const topics = { inputs: uniqueTopic('trace-inputs'), membership: uniqueTopic('trace-membership') };

  beforeAll(async () => {
    schema = await createTestSchema({ entities: CONFIGURATION_ENTITIES });
    await schema.dataSource.query(`INSERT INTO api_keys (id, name, prefix, key_hash, roles, created_by) VALUES ($1, 'ingest', $2, $3, '{ingest}', 'spec')`, [
      randomUUID(), ingestKey.prefix, ingestKey.hash,
    ]);
    await schema.dataSource.query(`INSERT INTO audiences (id, slug, name, rule, projected_variables) VALUES ($1, 'gold', 'Gold', $2, '{tier}')`, [
      randomUUID(), JSON.stringify({ attribute: 'tier', operator: 'equals', value: 'gold' }),
    ]);
    const bus = createTestBus('trace-spec');
    await bus.ensureTopics([{ topic: topics.inputs, partitions: 1 }, { topic: topics.membership, partitions: 1 }]);
    await bus.close();
    const env = {
      LOG_LEVEL: 'silent', DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema.name, KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PARTITIONS: '1', PROFILE_INPUTS_TOPIC: topics.inputs, MEMBERSHIP_TOPIC: topics.membership,
      SNAPSHOT_REQUESTS_TOPIC: uniqueTopic('trace-snapshots'), INGEST_RAW_TOPIC: uniqueTopic('trace-raw'), INGEST_RAW_GROUP_ID: uniqueGroup('trace-raw'),
      CONFIG_CHANGES_TOPIC: uniqueTopic('trace-config'), SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    apps.push((await startService(evaluatorService, { ...env, PORT: String(await freePort()), KAFKA_GROUP_ID: uniqueGroup('trace-evaluator') })).app);
    const ingester = await startService(ingesterService, { ...env, PORT: String(await freePort()), KAFKA_GROUP_ID: uniqueGroup('trace-ingester') });
    apps.push(ingester.app);
    ingesterUrl = `http://127.0.0.1:${ingester.settings.PORT}`;
  }, 120_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await schema?.drop();
  });

  const ingest = async (changes: unknown[], headers: Record<string, string> = {}) => {
    const response = await fetch(`${ingesterUrl}/v1/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': ingestKey.raw, ...headers },
      body: JSON.stringify({ changes }),
    });
    expect(response.status).toBe(202);
  };

  it('starts a trace per change at ingest and carries it to the membership event', async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    await ingest([{ profileId: 'traced', set: { tier: 'gold' } }], { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` });
    await ingest([{ profileId: 'p1', set: { tier: 'gold' } }, { profileId: 'p2', set: { tier: 'gold' } }]);

    const inputs = await readTopic(topics.inputs, 3, 60_000);
    const membership = await readTopic(topics.membership, 3, 60_000);
    const traceOf = (messages: typeof inputs, profileId: string) => {
      const message = messages.find((candidate) => candidate.key === profileId);
      return { traceparent: message?.headers[HEADERS.traceparent], traceId: traceIdOf(message?.headers[HEADERS.traceparent]) };
    };

    expect(traceOf(inputs, 'traced').traceId).toBe(callerTrace);
    expect(traceOf(membership, 'traced').traceId).toBe(callerTrace);
    const [p1, p2] = [traceOf(inputs, 'p1'), traceOf(inputs, 'p2')];
    expect(p1.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(p2.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(p1.traceId).not.toBe(p2.traceId);
    for (const profileId of ['p1', 'p2']) {
      expect(traceOf(membership, profileId).traceId).toBe(traceOf(inputs, profileId).traceId);
      expect(traceOf(membership, profileId).traceparent).not.toBe(traceOf(inputs, profileId).traceparent);
    }
    const received = JSON.parse(membership.find((message) => message.key === 'p1')!.value!.toString('utf8'));
    const input = JSON.parse(inputs.find((message) => message.key === 'p1')!.value!.toString('utf8'));
    expect(received).toMatchObject({ callType: 'NEW', profileId: 'p1', receivedAt: input.receivedAt });
  }, 120_000);
});
