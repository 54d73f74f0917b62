import type { MembershipEventMessage } from '@activation/contracts';
import { readAllMessages } from '@activation/evaluation';
import {
  createTestAdmin, createTestBus, createTestSchema, spawnTs, testDatabaseUrl, testKafkaBrokers, uniqueGroup, uniqueTopic, waitFor,
  type TestSchema,
} from '@activation/testing';
import { compareWithReference, countExpected } from './testing/compare-transitions';
import { fixtureEnvironment, type FixtureTopology } from './testing/fixture-environment';
import { mixedWorkload, WORKLOAD_AUDIENCES, WORKLOAD_NOW } from './testing/mixed-workload';
import { expectedTransitions } from './testing/reference-model';

const FIXTURE = 'apps/evaluator/src/testing/evaluator-fixture.ts';
const INPUTS = 10_000;

describe('two evaluator replicas in one consumer group', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(() => schema.drop());

  it('emit the same transition sequences as one replica, across a rebalance in the middle of the stream', async () => {
    const inputs = mixedWorkload(INPUTS, 400, 11);
    const expected = expectedTransitions(WORKLOAD_AUDIENCES, inputs, WORKLOAD_NOW);
    const topology: FixtureTopology = {
      brokers: testKafkaBrokers(), databaseUrl: testDatabaseUrl(), schema: schema.name, groupId: uniqueGroup('evaluator'),
      inputsTopic: uniqueTopic('inputs'), membershipTopic: uniqueTopic('membership'), snapshotTopic: uniqueTopic('snapshots'),
      audiences: WORKLOAD_AUDIENCES, now: WORKLOAD_NOW,
    };
    const bus = createTestBus('replicas-producer');
    await bus.ensureTopics([{ topic: topology.inputsTopic, partitions: 4 }, { topic: topology.membershipTopic, partitions: 4 }]);
    const publish = async (from: number, to: number) => {
      for (let start = from; start < to; start += 1_000) {
        await bus.publish(topology.inputsTopic, inputs.slice(start, Math.min(to, start + 1_000)).map((i) => ({ key: i.profileId, value: i })));
      }
    };
    const processed = async () => Number((await schema.dataSource.query(`SELECT count(*) AS n FROM processed_inputs`))[0].n);

    await publish(0, INPUTS / 2);
    const first = spawnTs(FIXTURE, await fixtureEnvironment(topology));
    await waitFor(async () => (await processed()) > 0, 60_000, 'the first replica processing');
    const second = spawnTs(FIXTURE, await fixtureEnvironment(topology));
    const admin = await createTestAdmin();
    await waitFor(async () => {
      const { groups } = await admin.describeGroups([topology.groupId]);
      return groups[0]?.state === 'Stable' && groups[0].members.length === 2;
    }, 60_000, 'both replicas in the group after the rebalance');
    await admin.disconnect();
    await publish(INPUTS / 2, INPUTS);
    await bus.close();

    await waitFor(
      async () =>
        (await processed()) === INPUTS &&
        Number((await schema.dataSource.query(`SELECT count(*) AS n FROM membership_outbox`))[0].n) === 0,
      90_000, 'every input processed by the two replicas',
    );
    const messages = await waitFor(async () => {
      const read = await readAllMessages<MembershipEventMessage>(topology.brokers, topology.membershipTopic);
      return new Set(read.map((m) => m.value.eventId)).size >= countExpected(expected) ? read : undefined;
    }, 30_000, 'every transition on the membership topic');
    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    expect(await Promise.all([first.exited, second.exited])).toEqual([0, 0]);

    const comparison = compareWithReference(messages.map((m) => m.value), expected);
    expect(comparison.mismatches.slice(0, 5)).toEqual([]);
    expect(comparison.unique).toBe(countExpected(expected));
    expect(second.output()).not.toContain('"level":50');
  });
});
