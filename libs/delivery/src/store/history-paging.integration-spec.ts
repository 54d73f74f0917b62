import { InvalidCursorError, type Page, type PageRequest } from '@activation/configuration';
import { createTestSchema, type TestSchema } from '@activation/testing';
import { HistoryRepository } from './history-repository';
import { ReplayRepository } from './replay-repository';

/** Every item of a list, a page of `limit` at a time, following nextCursor. */
async function readAll<T>(list: (page: PageRequest) => Promise<Page<T>>, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list({ limit, cursor });
    items.push(...page.items);
    pages += 1;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, pages };
}

describe('delivery history lists page with cursors (real Postgres)', () => {
  let schema: TestSchema;
  let history: HistoryRepository;
  let replays: ReplayRepository;

  beforeAll(async () => {
    schema = await createTestSchema();
    history = new HistoryRepository(schema.dataSource);
    replays = new ReplayRepository(schema.dataSource);
    // Runs of three subscriptions, several starting in the same microsecond: the cursor must not skip ties.
    await schema.dataSource.query(
      `INSERT INTO sync_runs (subscription_id, run_id, trigger, started_at)
       SELECT s, r, 'changes', timestamptz '2026-11-01 10:00:00.123456+00' + (r / 2) * interval '1 second'
       FROM generate_series(1, 3) s, generate_series(1, 7) r`,
    );
    await schema.dataSource.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, outcome, latency_ms, primary_keys)
       SELECT 1, 1, now(), 'NEW', 1, 'delivered', 5, ARRAY['p' || n] FROM generate_series(1, 11) n`,
    );
    await schema.dataSource.query(
      `INSERT INTO delivery_dead_letters (subscription_id, primary_key, membership_version, call_type, event_id, row_values, envelope, attempts, reason, staged_at)
       SELECT 1, 'p' || n, 1, 'NEW', gen_random_uuid(), '{}', '{}', 3, 'rejected', now() FROM generate_series(1, 9) n`,
    );
    await schema.dataSource.query(
      `INSERT INTO delivery_replays (subscription_id, from_time, requested_by) SELECT 1, now(), 'spec' FROM generate_series(1, 12)`,
    );
  });
  afterAll(() => schema?.drop());

  it('returns every sync run once, newest first, across pages', async () => {
    const all = await readAll((page) => history.runs({}, page), 4);
    expect(all.items).toHaveLength(21);
    expect(all.pages).toBe(6);
    const keys = all.items.map((run) => `${run.syncId}/${run.syncRunId}`);
    expect(new Set(keys).size).toBe(21);
    const starts = all.items.map((run) => Date.parse(run.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const one = await readAll((page) => history.runs({ syncId: 2 }, page), 3);
    expect(one.items.map((run) => run.syncRunId)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('returns a run\'s calls in order, dead letters and replays newest first', async () => {
    const calls: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 3; pages += 1) {
      const page = await history.calls(1, 1, { limit: 5, cursor });
      calls.push(...page.items.map((call) => call.primaryKeys[0]));
      cursor = page.nextCursor!;
    }
    expect(calls).toEqual(Array.from({ length: 11 }, (_, n) => `p${n + 1}`));
    // A run's calls are followed live: the last page's cursor shows the calls made since.
    expect((await history.calls(1, 1, { limit: 5, cursor })).items).toEqual([]);
    await schema.dataSource.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, outcome, latency_ms, primary_keys)
       VALUES (1, 1, now(), 'NEW', 1, 'delivered', 5, ARRAY['p12'])`,
    );
    expect((await history.calls(1, 1, { limit: 5, cursor })).items.map((call) => call.primaryKeys[0])).toEqual(['p12']);
    const dead = await readAll((page) => history.deadLetters(1, page), 4);
    expect(dead.items.map((row) => row.primaryKey)).toEqual(Array.from({ length: 9 }, (_, n) => `p${9 - n}`));
    const listed = await readAll((page) => replays.list(1, page), 5);
    const ids = listed.items.map((replay) => Number(replay.id));
    expect(ids).toHaveLength(12);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('ends with a null cursor and refuses cursors it did not make', async () => {
    expect((await history.runs({}, { limit: 200 })).nextCursor).toBeNull();
    expect((await history.deadLetters(1, { limit: 200 })).nextCursor).toBeNull();
    await expect(history.calls(1, 1, { limit: 5, cursor: 'not-a-cursor!' })).rejects.toBeInstanceOf(InvalidCursorError);
    const runCursor = (await history.runs({}, { limit: 1 })).nextCursor!;
    // A cursor of another list has another shape.
    await expect(history.deadLetters(1, { limit: 5, cursor: runCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
