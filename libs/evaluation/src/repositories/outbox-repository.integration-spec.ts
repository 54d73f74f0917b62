import { randomUUID } from 'node:crypto';
import { MIGRATIONS } from '@activation/persistence';
import { createTestSchema, type TestSchema } from '@activation/testing';
import { OutboxRepository, type OutboxMessage } from './outbox-repository';

function message(profileId: string, traceparent: string | null = null): OutboxMessage {
  const eventId = randomUUID();
  // Bodies are published byte for byte: a key order JSON.parse would not keep must survive.
  const body = `{"kind":"transition","eventId":"${eventId}","profileId":"${profileId}","projected":{"b":1,"a":"x\\ny"}}`;
  return { eventId, profileId, kind: 'transition', body, traceparent };
}

describe('membership outbox (one row per unit of work, on Postgres)', () => {
  let schema: TestSchema;
  const outbox = new OutboxRepository();

  beforeEach(async () => {
    schema = await createTestSchema();
  });

  afterEach(() => schema?.drop());

  it('finds the pending units holding any of the given profiles, oldest first, with their exact messages', async () => {
    const trace = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const first = [message('p1', trace), message('p2'), message('p1')];
    const second = [message('p2'), message('p3', trace)];
    const a = await outbox.insert(schema.dataSource, first);
    const b = await outbox.insert(schema.dataSource, second);
    expect(await outbox.insert(schema.dataSource, [])).toBeNull();

    expect(await outbox.pendingFor(schema.dataSource, ['p3'])).toEqual([{ id: b!.id, messages: second }]);
    expect(await outbox.pendingFor(schema.dataSource, ['p2', 'p9'])).toEqual([
      { id: a!.id, messages: first },
      { id: b!.id, messages: second },
    ]);
    expect(await outbox.countPending(schema.dataSource)).toBe(5);

    await outbox.delete(schema.dataSource, [a!.id]);
    expect(await outbox.pendingFor(schema.dataSource, ['p1'])).toEqual([]);
    expect(await outbox.stalled(schema.dataSource, 60_000, 10)).toEqual([]);
    expect(await outbox.stalled(schema.dataSource, 0, 10)).toEqual([{ id: b!.id, messages: second }]);
  });

  it('carries rows pending before the migration over as units, and back', async () => {
    const migration = MIGRATIONS.map((Migration) => new Migration()).find((m) => m.name === 'OutboxOneRowPerUnit1764900000000')!;
    const runner = schema.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const old = [message('p1', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), message('p1')];
      for (const row of old) {
        await runner.query(
          `INSERT INTO membership_outbox (event_id, profile_id, message, traceparent) VALUES ($1, $2, $3::json, $4)`,
          [row.eventId, row.profileId, row.body, row.traceparent],
        );
      }
      await migration.up(runner);
      const units = await outbox.pendingFor(runner, ['p1']);
      expect(units.map((unit) => unit.messages)).toEqual([[old[0]], [old[1]]]);

      await migration.down(runner);
      const rows = await runner.query(`SELECT event_id, message::text AS body, traceparent FROM membership_outbox ORDER BY id`);
      expect(rows).toEqual(old.map((row) => ({ event_id: row.eventId, body: row.body, traceparent: row.traceparent })));
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });
});
