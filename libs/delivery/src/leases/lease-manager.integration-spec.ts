import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createTestSchema, waitFor, type TestSchema } from '@activation/testing';
import type { CallFence } from '../dispatch/subscription-dispatcher';
import { LeaseRepository, type LeaseGrant } from '../store/lease-repository';
import { LeaseManager } from './lease-manager';

/** A repository whose renewals can be cut off, like a replica that lost its database for a while. */
class FlakyLeases extends LeaseRepository {
  offline = false;

  override async renew(leases: ReadonlyArray<{ grant: LeaseGrant; ttlMs: number }>, workerId: string): Promise<Set<string>> {
    if (this.offline) throw new Error('database unreachable');
    return super.renew(leases, workerId);
  }
}

interface Replica {
  manager: LeaseManager;
  leases: FlakyLeases;
  fences: Map<string, CallFence>;
  events: string[];
}

/** Leases on the real schema: shares spread, and a replica that cannot renew stops calling before another takes over. */
describe('LeaseManager (Postgres)', () => {
  let schema: TestSchema;
  const replicas: Replica[] = [];
  const scopes = [{ scope: 'd1', maxCallMs: 500 }, { scope: 'd2', maxCallMs: 500 }];

  const startReplica = (name: string): Replica => {
    const leases = new FlakyLeases(schema.dataSource);
    const replica: Replica = { leases, fences: new Map(), events: [], manager: undefined as unknown as LeaseManager };
    replica.manager = new LeaseManager(leases, { service: 'spec', workerId: name, ttlMs: 3_000, renewMs: 300, quietMs: 1_050 }, () => scopes, {
      acquired: async (scope, fence) => {
        replica.fences.set(scope, fence);
        replica.events.push(`acquired ${scope} at ${Math.round(performance.now())}`);
      },
      released: async (scope) => {
        replica.fences.delete(scope);
        replica.events.push(`released ${scope}`);
      },
    }, pino({ level: 'silent' }));
    replica.manager.start();
    replicas.push(replica);
    return replica;
  };

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.manager.stop().catch(() => undefined);
    await schema?.drop();
  });

  it('spreads destinations over replicas and hands one over only after the old owner stopped calling', async () => {
    const first = startReplica('first');
    await waitFor(async () => first.manager.owned().length === 2, 20_000, 'the first replica holding both');
    const second = startReplica('second');
    await waitFor(async () => first.manager.owned().length === 1 && second.manager.owned().length === 1, 20_000, 'one destination each');

    const [scope] = first.manager.owned();
    const fence = first.fences.get(scope)!;
    expect(fence.canStart(500)).toBe(true);
    first.leases.offline = true;
    const cutAt = performance.now();
    await waitFor(async () => !fence.canStart(500), 10_000, 'the cut-off replica to stop starting calls');
    const stoppedAt = performance.now();
    await waitFor(async () => second.manager.owned().includes(scope), 20_000, 'the other replica taking over');
    const takenAt = performance.now();
    // The last call the cut-off replica could start ends (500 ms) and a rate window passes before the take-over.
    expect(takenAt - stoppedAt).toBeGreaterThanOrEqual(500 + 1_050);
    expect(stoppedAt - cutAt).toBeLessThan(3_000);

    first.leases.offline = false;
    await waitFor(async () => first.events.includes(`released ${scope}`), 10_000, 'the cut-off replica noticing the loss');
    expect(first.manager.owned()).not.toContain(scope);
  });
});
