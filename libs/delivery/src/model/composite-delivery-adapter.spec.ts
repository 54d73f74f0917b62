import type { CallSender, DeliveryAdapter, DeliveryPlan } from './delivery-adapter';
import { CompositeDeliveryAdapter } from './composite-delivery-adapter';
import { deliverySubscription } from '../testing/membership-fixtures';

function fakeAdapter(kind: string, batchSize: number, tester = true): DeliveryAdapter {
  const plan: DeliveryPlan = { batchSize, callTypes: new Set(['NEW']), limits: {}, retry: { mode: 'next-run', attempts: 0 }, callTimeoutMs: 1_000 };
  const sender: CallSender = { send: async () => ({ outcome: 'delivered', latencyMs: 0 }), close: async () => undefined };
  return {
    kinds: [kind],
    plan: () => plan,
    destinationLimits: () => ({ concurrency: batchSize }),
    createSender: () => sender,
    ...(tester ? { testDestination: async () => ({ ok: true, latencyMs: 0, message: kind }) } : {}),
  };
}

const ofKind = (kind: string) =>
  deliverySubscription({ id: 1, audienceId: 'a', destination: { id: 'd', name: 'd', kind, enabled: true, settings: {}, secrets: () => ({}), updatedAt: 0 } });

describe('CompositeDeliveryAdapter', () => {
  const composite = new CompositeDeliveryAdapter([fakeAdapter('one', 1), fakeAdapter('two', 2, false)]);

  it('handles the kinds of all its adapters and sends each call to the adapter of the destination kind', () => {
    expect(composite.kinds).toEqual(['one', 'two']);
    expect(composite.plan(ofKind('one')).batchSize).toBe(1);
    expect(composite.plan(ofKind('two')).batchSize).toBe(2);
    expect(composite.destinationLimits(ofKind('two').destination)).toEqual({ concurrency: 2 });
  });

  it('tests a destination with its adapter, and says so when that adapter has no tester', async () => {
    await expect(composite.testDestination(ofKind('one').destination)).resolves.toMatchObject({ ok: true, message: 'one' });
    await expect(composite.testDestination(ofKind('two').destination)).resolves.toMatchObject({ ok: false, errorClass: 'configuration' });
  });

  it('refuses a kind no adapter handles, and two adapters of one kind', () => {
    expect(() => composite.plan(ofKind('three'))).toThrow('no adapter handles the destination kind three');
    expect(() => new CompositeDeliveryAdapter([fakeAdapter('one', 1), fakeAdapter('one', 2)])).toThrow('two adapters handle the destination kind one');
  });
});
