import { deadLetterTopicOf, HEADERS } from '@activation/contracts';
import type { ConsumedMessage } from '@activation/kafka';
import { TypeormDeadLetterRecorder } from '@activation/persistence';
import {
  committedOffsets, createTestAdmin, createTestBus, createTestSchema, readTopic, uniqueGroup, uniqueTopic, waitFor,
  type TestSchema,
} from '@activation/testing';
import type { Admin } from 'kafkajs';

describe('kafkajs message bus: a message whose handler keeps failing', () => {
  let schema: TestSchema;
  let admin: Admin;
  const topic = uniqueTopic('poison');
  const groupId = uniqueGroup('poison');

  beforeAll(async () => {
    schema = await createTestSchema();
    admin = await createTestAdmin();
  });

  afterAll(async () => {
    await admin.disconnect();
    await schema.drop();
  });

  it('is retried without committing, then dead-lettered with its reason while the partition continues', async () => {
    const bus = createTestBus('poison-consumer', { deadLetters: new TypeormDeadLetterRecorder(schema.dataSource), maxAttempts: 3 });
    await bus.ensureTopics([{ topic, partitions: 1, withDeadLetterTopic: true }]);
    await bus.publish(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ key: 'same-key', value: { n: i, apiKey: 'super-secret' } })),
    );

    const handled: number[] = [];
    let poisonAttempts = 0;
    const committedWhileFailing: bigint[] = [];
    const subscription = await bus.subscribe({
      groupId,
      topics: [topic],
      service: 'poison-test',
      handler: async (messages: ConsumedMessage[]) => {
        const values = messages.map((m) => JSON.parse(m.value!.toString()).n as number);
        if (values.includes(4)) {
          poisonAttempts += 1;
          committedWhileFailing.push((await committedOffsets(admin, groupId, topic)).get(0) ?? -1n);
          throw new Error('cannot handle message 4');
        }
        handled.push(...values);
      },
    });

    await waitFor(async () => handled.length === 9, 30_000, 'the other nine messages');
    await subscription.stop();

    expect(handled).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    // The whole batch is tried (3 attempts), then the poison message alone (3 attempts).
    expect(poisonAttempts).toBeGreaterThanOrEqual(3);
    // While it failed, nothing at or past it was committed.
    for (const committed of committedWhileFailing) expect(committed).toBeLessThanOrEqual(4n);
    expect((await committedOffsets(admin, groupId, topic)).get(0)).toBe(10n);

    const [deadLetter] = await readTopic(deadLetterTopicOf(topic), 1);
    expect(JSON.parse(deadLetter.value!.toString())).toEqual({ n: 4, apiKey: 'super-secret' });
    expect(deadLetter.key).toBe('same-key');
    expect(deadLetter.headers[HEADERS.deadLetterReason]).toContain('cannot handle message 4');
    expect(deadLetter.headers[HEADERS.sourceTopic]).toBe(topic);
    expect(deadLetter.headers[HEADERS.sourcePartition]).toBe('0');
    expect(deadLetter.headers[HEADERS.sourceOffset]).toBe('4');

    const rows = await schema.dataSource.query(
      `SELECT service, topic, partition, "offset", reason, payload, payload_text, replay_status FROM dead_letters`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ service: 'poison-test', topic, partition: 0, offset: '4', replay_status: 'pending' });
    expect(rows[0].reason).toContain('cannot handle message 4');
    expect(JSON.parse(rows[0].payload.toString())).toEqual({ n: 4, apiKey: 'super-secret' });
    expect(rows[0].payload_text).not.toContain('super-secret');
    await bus.close();
  });

  it('keeps a null value (a tombstone) null on the dead-letter topic and table, and records which dead letter a replay came from', async () => {
    const tombstones = uniqueTopic('poison-tombstone');
    const bus = createTestBus('tombstone-consumer', { deadLetters: new TypeormDeadLetterRecorder(schema.dataSource), maxAttempts: 1 });
    await bus.ensureTopics([{ topic: tombstones, partitions: 1, withDeadLetterTopic: true }]);
    await bus.publish(tombstones, [
      { key: 'replayed', value: null, headers: { [HEADERS.replayOf]: '41' } },
      { key: 'hand-made', value: null, headers: { [HEADERS.replayOf]: 'not-an-id' } },
    ]);
    const subscription = await bus.subscribe({
      groupId: uniqueGroup('tombstone'),
      topics: [tombstones],
      service: 'tombstone-test',
      fromBeginning: true,
      handler: async () => {
        throw new Error('message has no value');
      },
    });
    const deadLetters = await readTopic(deadLetterTopicOf(tombstones), 2);
    await subscription.stop();
    await bus.close();

    expect(deadLetters.map((message) => message.value)).toEqual([null, null]);
    expect(deadLetters[0].headers[HEADERS.replayOf]).toBe('41');
    await waitFor(async () => (await schema.dataSource.query(`SELECT 1 FROM dead_letters WHERE topic = $1`, [tombstones])).length === 2, 10_000, 'both rows');
    const rows = await schema.dataSource.query(
      `SELECT message_key, payload, payload_text, replay_of FROM dead_letters WHERE topic = $1 ORDER BY "offset"`,
      [tombstones],
    );
    expect(rows).toEqual([
      { message_key: 'replayed', payload: null, payload_text: null, replay_of: '41' },
      { message_key: 'hand-made', payload: null, payload_text: null, replay_of: null },
    ]);
  });
});
