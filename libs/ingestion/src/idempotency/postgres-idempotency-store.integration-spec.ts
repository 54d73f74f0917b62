import { createTestSchema, type TestSchema } from '@activation/testing';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';

describe('PostgresIdempotencyStore (real Postgres)', () => {
  let schema: TestSchema;
  let store: PostgresIdempotencyStore;
  const response = (n: number) => ({ status: 202, body: { accepted: n, items: [{ index: 0, status: 'accepted' }] } });

  beforeAll(async () => {
    schema = await createTestSchema();
    store = new PostgresIdempotencyStore(schema.dataSource, { ttlMs: 60_000, waitMs: 20_000, leaseMs: 30_000 });
  });
  afterAll(() => schema?.drop());

  it('runs the work once for 20 concurrent calls and replays its response to the others', async () => {
    let runs = 0;
    const claim = { scope: 'key-1', key: 'concurrent', requestHash: 'h1' };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.execute(claim, async () => {
          runs += 1;
          await new Promise((resolve) => setTimeout(resolve, 200));
          return { response: response(runs), store: true };
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'executed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'replayed')).toHaveLength(19);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ response: response(1) });
  });

  it('refuses the same key with another request, but not in another scope', async () => {
    await store.execute({ scope: 'key-1', key: 'k2', requestHash: 'a' }, async () => ({ response: response(1), store: true }));
    expect(await store.execute({ scope: 'key-1', key: 'k2', requestHash: 'b' }, async () => ({ response: response(2), store: true }))).toEqual({ kind: 'mismatch' });
    expect((await store.execute({ scope: 'key-2', key: 'k2', requestHash: 'b' }, async () => ({ response: response(3), store: true }))).kind).toBe('executed');
  });

  it('frees the key when the work fails or asks not to store, so a retry runs again', async () => {
    const claim = { scope: 'key-1', key: 'k3', requestHash: 'a' };
    await expect(store.execute(claim, async () => Promise.reject(new Error('Kafka down')))).rejects.toThrow('Kafka down');
    expect((await store.execute(claim, async () => ({ response: response(1), store: false }))).kind).toBe('executed');
    expect((await store.execute(claim, async () => ({ response: response(2), store: true }))).kind).toBe('executed');
    expect(await store.execute(claim, async () => ({ response: response(3), store: true }))).toEqual({ kind: 'replayed', response: response(2) });
  });

  it('lets a waiting call take the key over when the holder fails', async () => {
    const claim = { scope: 'key-1', key: 'k4', requestHash: 'a' };
    const failing = store.execute(claim, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw new Error('publish failed');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = store.execute(claim, async () => ({ response: response(7), store: true }));
    await expect(failing).rejects.toThrow('publish failed');
    expect(await waiting).toEqual({ kind: 'executed', response: response(7) });
  });

  it('holds no transaction open while the work runs', async () => {
    const claim = { scope: 'key-1', key: 'k6', requestHash: 'a' };
    const outcome = await store.execute(claim, async () => {
      // The claim is already committed: any connection sees it (an open transaction's row is invisible).
      const [row] = await schema.dataSource.query(
        `SELECT response_status, claim_token IS NOT NULL AS claimed
           FROM ingest_idempotency_keys WHERE scope = $1 AND idempotency_key = $2`,
        [claim.scope, claim.key],
      );
      expect(row).toEqual({ response_status: null, claimed: true });
      return { response: response(1), store: true };
    });
    expect(outcome.kind).toBe('executed');
  });

  it('lets the next request take over a claim whose holder crashed, once its lease ends', async () => {
    const leased = new PostgresIdempotencyStore(schema.dataSource, { ttlMs: 60_000, waitMs: 2_000, leaseMs: 300 });
    const claim = { scope: 'key-1', key: 'k7', requestHash: 'a' };
    // The claim a process left when it died mid-request: nobody renews it.
    await schema.dataSource.query(
      `INSERT INTO ingest_idempotency_keys (scope, idempotency_key, request_hash, claim_token, expires_at)
       VALUES ($1, $2, $3, 'crashed-holder', now() + interval '300 milliseconds')`,
      [claim.scope, claim.key, claim.requestHash],
    );
    const started = Date.now();
    expect(await leased.execute(claim, async () => ({ response: response(8), store: true }))).toEqual({ kind: 'executed', response: response(8) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await leased.execute(claim, async () => ({ response: response(9), store: true }))).toEqual({ kind: 'replayed', response: response(8) });
  });

  it('renews a live holder\'s lease, so work longer than the lease still runs once', async () => {
    const renewing = new PostgresIdempotencyStore(schema.dataSource, { ttlMs: 60_000, waitMs: 2_000, leaseMs: 150 });
    const claim = { scope: 'key-1', key: 'k9', requestHash: 'a' };
    let runs = 0;
    const slow = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 600));
      return { response: response(runs), store: true };
    };
    const first = renewing.execute(claim, slow);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Twice the lease has passed: without renewal this retry would take the key over and run again.
    const retry = renewing.execute(claim, slow);
    expect(await first).toEqual({ kind: 'executed', response: response(1) });
    expect(await retry).toEqual({ kind: 'replayed', response: response(1) });
    expect(runs).toBe(1);
  });

  it('tells when a holder\'s claim lapsed before its answer was stored', async () => {
    const lost: string[] = [];
    const lapsing = new PostgresIdempotencyStore(schema.dataSource, {
      ttlMs: 60_000, waitMs: 2_000, leaseMs: 60_000, onLeaseLost: (claim) => lost.push(claim.key),
    });
    const claim = { scope: 'key-1', key: 'k10', requestHash: 'a' };
    const outcome = await lapsing.execute(claim, async () => {
      // Another request took the key over (as after a lapsed lease): its claim has another token.
      await schema.dataSource.query(`UPDATE ingest_idempotency_keys SET claim_token = 'other' WHERE idempotency_key = 'k10'`);
      return { response: response(1), store: true };
    });
    expect(outcome.kind).toBe('executed');
    expect(lost).toEqual(['k10']);
  });

  it('refuses a different request with the same key while the first is still running', async () => {
    const claim = { scope: 'key-1', key: 'k11', requestHash: 'a' };
    let finish: () => void = () => undefined;
    const holder = store.execute(claim, () => new Promise((resolve) => (finish = () => resolve({ response: response(1), store: true }))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.execute({ ...claim, requestHash: 'b' }, async () => ({ response: response(2), store: true }))).toEqual({ kind: 'mismatch' });
    finish();
    expect((await holder).kind).toBe('executed');
  });

  it('answers in-progress when the holder outlasts the wait', async () => {
    const impatient = new PostgresIdempotencyStore(schema.dataSource, { ttlMs: 60_000, waitMs: 100, leaseMs: 30_000 });
    const claim = { scope: 'key-1', key: 'k8', requestHash: 'a' };
    let finish: () => void = () => undefined;
    const holder = impatient.execute(claim, () => new Promise((resolve) => (finish = () => resolve({ response: response(1), store: true }))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await impatient.execute(claim, async () => ({ response: response(2), store: true }))).toEqual({ kind: 'in-progress' });
    finish();
    expect((await holder).kind).toBe('executed');
  });

  it('treats expired keys as new and purges them', async () => {
    const short = new PostgresIdempotencyStore(schema.dataSource, { ttlMs: 1, waitMs: 5_000, leaseMs: 5_000 });
    const claim = { scope: 'key-1', key: 'k5', requestHash: 'a' };
    await short.execute(claim, async () => ({ response: response(1), store: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await short.execute({ ...claim, requestHash: 'b' }, async () => ({ response: response(2), store: true }))).kind).toBe('executed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await short.purgeExpired()).toBeGreaterThanOrEqual(1);
  });
});
