import { createTestSchema, uniqueGroup, uniqueTopic, type TestSchema } from '@activation/testing';
import { EmbeddedLogBus } from '../embedded-log-bus';
import { sqlOf } from '../sql/sql-client';
import { GroupStore } from './group-store';

describe('embedded log: partition leases', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(() => schema.drop());

  it('fences a member whose lease ran out and was taken: it can neither commit nor renew', async () => {
    const topic = uniqueTopic('fence');
    const groupId = uniqueGroup('fence');
    await new EmbeddedLogBus({ dataSource: schema.dataSource, clientId: 'admin' }).ensureTopics([{ topic, partitions: 1 }]);
    const sql = sqlOf(schema.dataSource);
    const first = new GroupStore(sql, groupId, 'first', 10_000);
    const second = new GroupStore(sql, groupId, 'second', 10_000);
    await first.ensurePartitionRows([topic]);

    expect(await first.claim(topic, 1, true)).toEqual([0]);
    expect(await second.claim(topic, 1, true)).toEqual([]);
    expect(await first.commit({ topic, partition: 0 }, '3')).toBe(true);

    await schema.dataSource.query(
      `UPDATE log_group_partitions SET lease_expires_at = now() - interval '1 second' WHERE group_id = $1`,
      [groupId],
    );
    expect(await second.claim(topic, 1, true)).toEqual([0]);
    expect(await first.commit({ topic, partition: 0 }, '5')).toBe(false);
    expect(await first.renewLeases()).toEqual([]);
    expect(await second.pending()).toEqual([]);

    const [row] = await schema.dataSource.query(
      `SELECT committed_offset, owner_member_id FROM log_group_partitions WHERE group_id = $1`,
      [groupId],
    );
    // The group keeps its position across the change of owner.
    expect(row).toEqual({ committed_offset: '3', owner_member_id: 'second' });
  });
});
