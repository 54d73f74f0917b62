import { randomUUID } from 'node:crypto';
import { createTestSchema, type TestSchema } from '@activation/testing';
import { ExportEventRepository, type ExportEvent } from './export-event.repository';

describe('ExportEventRepository (Postgres)', () => {
  let schema: TestSchema;
  let events: ExportEventRepository;

  beforeAll(async () => {
    schema = await createTestSchema();
    events = new ExportEventRepository(schema.dataSource);
  });
  afterAll(() => schema?.drop());

  const batch = (from: number, count: number): ExportEvent[] => Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(), profileId: `p-${from + i}`, name: (from + i) % 3 === 0 ? 'purchase' : 'view', occurredAt: from + i,
    receivedAt: from + i, source: 'web', properties: { n: from + i },
  }));

  async function settledEnd() {
    for (let tries = 0; tries < 300; tries += 1) {
      const [row] = await schema.dataSource.query(`SELECT bool_and(tx < pg_snapshot_xmin(pg_current_snapshot())) AS settled FROM export_events`);
      if (row.settled) return (await events.settledEnd())!;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('rows did not settle');
  }

  it('stores each event once and reads every row in insert order across pages and past the watermark', async () => {
    const first = batch(0, 1_200);
    expect(await events.insert(first)).toBe(1_200);
    expect(await events.insert([...first.slice(0, 10), ...batch(1_200, 1_300)])).toBe(1_300);
    const end = await settledEnd();
    const [last] = await schema.dataSource.query(`SELECT tx::text AS tx, position::text AS position FROM export_events WHERE occurred_at = 2499`);
    // Redelivered events use up identity values, so positions run past 2,500: the order must be numeric.
    expect(end).toEqual(last);
    expect(Number(end.position)).toBeGreaterThan(2_500);

    const read: number[] = [];
    for await (const event of events.read({ upTo: end, streams: [] }, 97)) read.push(event.occurredAt);
    expect(read).toEqual(Array.from({ length: 2_500 }, (_, i) => i));

    const [{ tx, position }] = await schema.dataSource.query(`SELECT tx::text AS tx, position::text AS position FROM export_events WHERE occurred_at = 999`);
    const purchasesAfter: number[] = [];
    for await (const event of events.read({ upTo: end, after: { tx, position }, streams: ['purchase'], occurredBefore: 2_000 }, 50)) {
      purchasesAfter.push(event.occurredAt);
    }
    expect(purchasesAfter).toEqual(Array.from({ length: 2_000 }, (_, i) => i).filter((n) => n > 999 && n % 3 === 0));
    expect(await events.propertyKeys({ upTo: end, streams: ['purchase'] })).toEqual(['n']);
  });
});
