import type { MembershipEventMessage } from '@activation/contracts';
import { CRASH_POINTS, readAllMessages, type CrashPoint } from '@activation/evaluation';
import {
  createTestBus, createTestSchema, spawnTs, testDatabaseUrl, testKafkaBrokers, uniqueGroup, uniqueTopic, waitFor,
  type TestSchema,
} from '@activation/testing';
import { compareWithReference, countExpected } from './testing/compare-transitions';
import { fixtureEnvironment, type FixtureTopology } from './testing/fixture-environment';
import { mixedWorkload, WORKLOAD_AUDIENCES, WORKLOAD_NOW } from './testing/mixed-workload';
import { expectedTransitions } from './testing/reference-model';

const FIXTURE = 'apps/evaluator/src/testing/evaluator-fixture.ts';
const INPUTS = 10_000;
const inputs = mixedWorkload(INPUTS, 400);
const expected = expectedTransitions(WORKLOAD_AUDIENCES, inputs, WORKLOAD_NOW);

describe('evaluator process killed at a fixed point of the batch pipeline', () => {
  let schema: TestSchema;

  afterEach(() => schema?.drop());

  it.each(CRASH_POINTS)('after a crash %s, the restarted evaluator emits exactly the reference transitions', async (point: CrashPoint) => {
    schema = await createTestSchema();
    const topology: FixtureTopology = {
      brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl(), schema: schema.name, groupId: uniqueGroup('evaluator'),
      inputsTopic: uniqueTopic('inputs'), membershipTopic: uniqueTopic('membership'), snapshotTopic: uniqueTopic('snapshots'),
      audiences: WORKLOAD_AUDIENCES, now: WORKLOAD_NOW,
    };
    const bus = createTestBus('crash-producer');
    await bus.ensureTopics([{ topic: topology.inputsTopic, partitions: 4 }, { topic: topology.membershipTopic, partitions: 4 }]);
    for (let start = 0; start < INPUTS; start += 2_000) {
      await bus.publish(topology.inputsTopic, inputs.slice(start, start + 2_000).map((input) => ({ key: input.profileId, value: input })));
    }
    await bus.close();

    const crashing = spawnTs(FIXTURE, await fixtureEnvironment(topology, { CRASH_AT: point, CRASH_AFTER: '2' }));
    await crashing.exited;
    expect(crashing.output()).toContain(`crashing at ${point}`);

    const restarted = spawnTs(FIXTURE, await fixtureEnvironment(topology));
    const count = async (sql: string) => Number((await schema.dataSource.query(sql))[0].n);
    await waitFor(
      async () =>
        (await count(`SELECT count(*) AS n FROM processed_inputs`)) === INPUTS &&
        (await count(`SELECT count(*) AS n FROM membership_outbox`)) === 0,
      90_000, 'every input processed and the outbox drained',
    );
    const messages = await waitFor(async () => {
      const read = await readAllMessages<MembershipEventMessage>(topology.brokers, topology.membershipTopic);
      return new Set(read.map((m) => m.value.eventId)).size >= countExpected(expected) ? read : undefined;
    }, 30_000, 'every transition on the membership topic');
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);

    const comparison = compareWithReference(messages.map((m) => m.value), expected);
    expect(comparison.mismatches.slice(0, 5)).toEqual([]);
    expect(comparison.unique).toBe(countExpected(expected));
    // Published but not yet deleted from the outbox at the crash: published again, with the same ids.
    if (point === 'after-outbox-publish') expect(comparison.duplicates).toBeGreaterThan(0);
  });
});
