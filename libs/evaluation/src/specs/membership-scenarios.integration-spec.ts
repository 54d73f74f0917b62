import { deterministicEventId, type MembershipEventMessage } from '@activation/contracts';
import {
  createTestBus, createTestSchema, testKafkaBrokers, uniqueGroup, uniqueTopic, waitFor, type TestSchema,
} from '@activation/testing';
import type { KafkaMessageBus } from '@activation/kafka';
import { audienceDefinition } from '../testing/in-memory-audience-catalog';
import { EvaluationHarness } from '../testing/evaluation-harness';
import { behavioralEvent, profileChange } from '../testing/profile-inputs';

const T0 = Date.UTC(2025, 0, 10);
const DAY = 86_400_000;

const adults = audienceDefinition({
  id: 'adults', number: 7, rule: { attribute: 'age', operator: 'greaterThanOrEqual', value: 18 },
  projectedVariables: ['email', 'tier'],
});
const frequentBuyers = audienceDefinition({
  id: 'frequent-buyers', number: 8, rule: { event: 'purchase', count: { atLeast: 3 }, withinLastDays: 7 },
  projectedVariables: ['email'],
});

describe('evaluator: membership transitions on the real broker and database', () => {
  let schema: TestSchema;
  let bus: KafkaMessageBus;
  let harness: EvaluationHarness;

  beforeAll(async () => {
    schema = await createTestSchema();
    bus = createTestBus('evaluator-scenarios');
    const inputsTopic = uniqueTopic('inputs');
    await bus.ensureTopics([{ topic: inputsTopic, partitions: 3 }]);
    harness = new EvaluationHarness({
      dataSource: schema.dataSource, bus, brokers: testKafkaBrokers(), inputsTopic,
      membershipTopic: uniqueTopic('membership'), groupId: uniqueGroup('evaluator'), now: T0,
    });
    await harness.start([adults, frequentBuyers]);
  });

  afterAll(async () => {
    await harness.stop();
    await bus.close();
    await schema.drop();
  });

  const messagesOf = async (profileId: string, count: number) =>
    waitFor(async () => {
      const mine = (await harness.membershipMessages()).filter((m) => m.profileId === profileId);
      return mine.length >= count ? mine : undefined;
    }, 30_000, `${count} membership events of ${profileId}`);

  it('emits NEW, MODIFIED on a projected variable, nothing on an unrelated attribute, then REMOVED', async () => {
    await harness.send([
      profileChange('p-1', { set: { age: 30, email: 'a@example.com', tier: 'gold' }, identifiers: { '42': ['p-1'] } }, T0 + 1),
      profileChange('p-1', { set: { tier: 'silver' } }, T0 + 2),
      profileChange('p-1', { set: { city: 'Oslo' } }, T0 + 3),
      profileChange('p-1', { set: { age: 12 } }, T0 + 4),
    ]);
    await waitFor(async () => (await harness.processedCount()) >= 4, 30_000, 'inputs processed');
    const events = await messagesOf('p-1', 3);
    expect(events.map((e) => [e.callType, e.membershipVersion, e.timestamp, e.projected])).toEqual([
      ['NEW', 1, T0 + 1, { email: 'a@example.com', tier: 'gold' }],
      ['MODIFIED', 2, T0 + 2, { email: 'a@example.com', tier: 'silver' }],
      ['REMOVED', 3, T0 + 4, { email: 'a@example.com', tier: 'silver' }],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({
        kind: 'transition', audienceId: 'adults', audienceNumber: 7, audienceVersion: 1, backfill: false,
        identifiers: { '42': ['p-1'] }, enteredAt: T0 + 1, cause: { kind: 'profile-change' },
      });
      expect(event.eventId).toBe(deterministicEventId('membership', 'adults', 'p-1', event.membershipVersion));
    }
    expect(events[2].exitedAt).toBe(T0 + 4);
  });

  it('emits REMOVED with the last projected values when a member profile is deleted', async () => {
    await harness.send([
      profileChange('p-2', { set: { age: 40, email: 'b@example.com', tier: 'gold' } }, T0 + 10),
      profileChange('p-2', { deleted: true }, T0 + 11),
    ]);
    const events = await messagesOf('p-2', 2);
    expect(events.map((e) => [e.callType, e.projected, e.timestamp])).toEqual([
      ['NEW', { email: 'b@example.com', tier: 'gold' }, T0 + 10],
      ['REMOVED', { email: 'b@example.com', tier: 'gold' }, T0 + 11],
    ]);
    const [profile] = await schema.dataSource.query(`SELECT deleted, attributes FROM profiles WHERE profile_id = 'p-2'`);
    expect(profile).toEqual({ deleted: true, attributes: {} });
  });

  it('enters a windowed audience on the third event and leaves it by the scheduler when the window passes', async () => {
    await harness.send([
      profileChange('p-3', { set: { email: 'c@example.com' } }, T0 - 4 * DAY),
      behavioralEvent('p-3', 'purchase', T0 - 3 * DAY),
      behavioralEvent('p-3', 'purchase', T0 - 2 * DAY),
      behavioralEvent('p-3', 'purchase', T0 - DAY),
    ]);
    const [entered] = await messagesOf('p-3', 1);
    expect(entered).toMatchObject({ callType: 'NEW', audienceId: 'frequent-buyers', timestamp: T0 - DAY, projected: { email: 'c@example.com' } });
    const [due] = await schema.dataSource.query(`SELECT due_at FROM evaluation_schedule WHERE profile_id = 'p-3'`);
    expect(Number(due.due_at)).toBe(T0 + 4 * DAY);

    harness.clock.set(T0 + 5 * DAY);
    const [, removed] = await messagesOf('p-3', 2);
    expect(removed).toMatchObject({
      callType: 'REMOVED', audienceId: 'frequent-buyers', timestamp: T0 + 4 * DAY, cause: { kind: 'time' }, backfill: false,
    });
    harness.clock.set(T0);
  });

  it('evaluates the stored event history when an audience is created later', async () => {
    await harness.send([
      behavioralEvent('p-4', 'login', T0 - 10 * DAY),
      behavioralEvent('p-4', 'login', T0 - 5 * DAY),
      behavioralEvent('p-5', 'login', T0 - 5 * DAY),
    ]);
    await waitFor(async () => (await harness.processedCount()) >= 13, 30_000, 'logins processed');
    await harness.catalog.put(
      audienceDefinition({ id: 'regulars', number: 9, rule: { event: 'login', count: { atLeast: 2 }, withinLastDays: 30 }, updatedAt: T0 }),
    );
    const [event] = await messagesOf('p-4', 1);
    expect(event).toMatchObject({
      callType: 'NEW', audienceId: 'regulars', backfill: true, timestamp: T0, cause: { kind: 'audience-change' },
    });
    await waitFor(
      async () => (await harness.engine.queries.backfillProgress('regulars')).items[0]?.status === 'done',
      30_000, 'backfill done',
    );
    const messages: MembershipEventMessage[] = await harness.membershipMessages();
    expect(messages.filter((m) => m.profileId === 'p-5')).toEqual([]);
  });
});
