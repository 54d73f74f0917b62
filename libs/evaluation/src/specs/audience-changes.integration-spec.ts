import type { MembershipEventMessage } from '@activation/contracts';
import type { KafkaMessageBus } from '@activation/kafka';
import {
  createTestBus, createTestSchema, testKafkaBrokers, uniqueGroup, uniqueTopic, waitFor, type TestSchema,
} from '@activation/testing';
import { audienceDefinition } from '../testing/in-memory-audience-catalog';
import { EvaluationHarness } from '../testing/evaluation-harness';
import { profileChange } from '../testing/profile-inputs';

const T0 = Date.UTC(2025, 2, 1);
const ages = [10, 15, 20, 25, 30, 35, 40, 45, 50, 55];
const adults = (minimum: number, version: number) =>
  audienceDefinition({
    id: 'grown-ups', number: 3, version, updatedAt: T0 + version,
    rule: { attribute: 'age', operator: 'greaterThanOrEqual', value: minimum }, projectedVariables: ['age'],
  });

describe('evaluator: audience edits, deletion, snapshots and admin queries while running', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let harness: EvaluationHarness;
  const seen = new Set<string>();

  beforeAll(async () => {
    schema = await createTestSchema();
    bus = createTestBus('evaluator-audience-changes');
    const inputsTopic = uniqueTopic('inputs');
    await bus.ensureTopics([{ topic: inputsTopic, partitions: 3 }]);
    harness = new EvaluationHarness({
      dataSource: schema.dataSource, bus, brokers: testKafkaBrokers(), inputsTopic,
      membershipTopic: uniqueTopic('membership'), groupId: uniqueGroup('evaluator'), now: T0,
      options: { jobPageSize: 3 },
    });
    await harness.start([adults(18, 1)]);
    await harness.send(ages.map((age) => profileChange(`p-${age}`, { set: { age } }, T0)));
    await waitFor(async () => (await harness.processedCount()) === ages.length, 30_000, 'profiles stored');
  });

  afterAll(async () => {
    await harness.stop();
    await bus.close();
    await schema.drop();
  });

  /** Membership events emitted since the previous call, once `count` arrived. */
  const next = async (count: number): Promise<MembershipEventMessage[]> => {
    const key = (record: { partition: number; offset: string }) => `${record.partition}:${record.offset}`;
    const fresh = await waitFor(async () => {
      const unseen = (await harness.membershipRecords()).filter((record) => !seen.has(key(record)));
      return unseen.length >= count ? unseen : undefined;
    }, 30_000, `${count} more membership events`);
    for (const record of fresh) seen.add(key(record));
    return fresh.map((record) => record.value);
  };
  const summary = (events: MembershipEventMessage[]) =>
    events.map((e) => `${e.callType} ${e.profileId}${e.backfill ? ' backfill' : ''}`).sort();

  const jobDone = (kind: string) =>
    waitFor(async () => {
      const jobs = (await harness.engine.queries.backfillProgress('grown-ups')).items;
      return jobs.find((job) => job.kind === kind && job.status === 'done' && job.processed === job.total) ? jobs : undefined;
    }, 30_000, `${kind} job done`);

  it('emits exactly the difference when the rule is edited, marked backfill, without a restart', async () => {
    expect(summary(await next(8))).toEqual(['NEW p-20', 'NEW p-25', 'NEW p-30', 'NEW p-35', 'NEW p-40', 'NEW p-45', 'NEW p-50', 'NEW p-55']);

    await harness.catalog.put(adults(30, 2));
    expect(summary(await next(2))).toEqual(['REMOVED p-20 backfill', 'REMOVED p-25 backfill']);
    const [job] = await jobDone('backfill');
    expect(job).toMatchObject({ audienceVersion: 2, total: 10, processed: 10, percent: 100, exited: 2, entered: 0 });

    await harness.catalog.put(adults(15, 3));
    expect(summary(await next(3))).toEqual(['NEW p-15 backfill', 'NEW p-20 backfill', 'NEW p-25 backfill']);
    await jobDone('backfill');

    await harness.send([profileChange('p-13', { set: { age: 16 } }, T0 + 100)]);
    const [fresh] = await next(1);
    expect(fresh).toMatchObject({ callType: 'NEW', profileId: 'p-13', audienceVersion: 3, backfill: false });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await harness.membershipMessages()).toHaveLength(seen.size);
  });

  it('answers a snapshot request with exactly the current members, only for that subscription', async () => {
    const request = await harness.engine.requestSnapshot('grown-ups', 77, { requestId: '0b7e6c7e-1d8e-4a53-9a55-0c6fbc36f4a1' });
    expect(request).toMatchObject({ created: true, members: 10 });
    const rows = await next(10);
    expect(rows.every((row) => row.kind === 'snapshot' && row.targetSubscriptionId === 77 && row.callType === 'NEW')).toBe(true);
    expect(rows.map((row) => row.profileId).sort()).toEqual(
      ['p-13', 'p-15', 'p-20', 'p-25', 'p-30', 'p-35', 'p-40', 'p-45', 'p-50', 'p-55'].sort(),
    );
    expect(rows.find((row) => row.profileId === 'p-13')!.projected).toEqual({ age: 16 });
    const again = await harness.engine.requestSnapshot('grown-ups', 77, { requestId: request.requestId });
    expect(again.created).toBe(false);
    await jobDone('snapshot');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await harness.membershipMessages()).toHaveLength(seen.size);
  });

  it('previews a rule change against the current members and reports counts over time', async () => {
    const preview = await harness.engine.queries.previewAudience(
      { attribute: 'age', operator: 'greaterThanOrEqual', value: 40 }, ['age'], { audienceId: 'grown-ups', sampleSize: 2, now: T0 },
    );
    expect(preview).toMatchObject({
      valid: true, profilesEvaluated: 11, matching: 4,
      comparison: { currentMembers: 10, wouldEnter: 0, wouldExit: 6, wouldStay: 4 },
    });
    expect(preview.valid && preview.sample).toEqual([{ profileId: 'p-40', projected: { age: 40 } }, { profileId: 'p-45', projected: { age: 45 } }]);
    const invalid = await harness.engine.queries.previewAudience({ attribute: 'age', operator: 'like' }, []);
    expect(invalid.valid).toBe(false);

    const counts = await harness.engine.queries.membershipCounts('grown-ups', T0 - 60_000, T0 + 120_000, 60_000);
    expect(counts.map((point) => point.members)).toEqual([0, 10, 10]);
    expect(counts[1]).toMatchObject({ entered: 12, exited: 2 });
  });

  it('emits REMOVED for every member when the audience is deleted', async () => {
    await harness.catalog.remove('grown-ups');
    const removed = await next(10);
    expect(removed.every((event) => event.callType === 'REMOVED' && event.backfill)).toBe(true);
    await jobDone('remove');
    const [row] = await schema.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE member`);
    expect(row.n).toBe(0);
  });
});
