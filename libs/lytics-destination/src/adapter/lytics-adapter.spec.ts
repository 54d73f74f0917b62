import { lyticsSubscription } from '../testing/delivery-fixtures';
import { LyticsDestinationAdapter } from './lytics-adapter';

const destination = { id: 'd', connectionString: 'Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=a2V5;EntityPath=hub' };

describe('LyticsDestinationAdapter.plan', () => {
  const adapter = new LyticsDestinationAdapter();

  it('delivers enters and exits only, with a call deadline covering the gathering window and the send before it', () => {
    const plan = adapter.plan(lyticsSubscription(1, { ...destination, settings: { timeoutMs: 1_000, groupWindowMs: 50 } }));
    expect([...plan.callTypes].sort()).toEqual(['NEW', 'REMOVED']);
    expect(plan.callTimeoutMs).toBe(2_050);
    expect(plan.batchSize).toBe(500);
  });

  it('names the problem of unusable settings', () => {
    expect(() => adapter.plan(lyticsSubscription(1, { ...destination, settings: { groupWindowMs: -1 } }))).toThrow('destination settings: $.settings.groupWindowMs');
    expect(() => adapter.plan(lyticsSubscription(1, destination, { settings: { channel: 'blob' } }))).toThrow('"channel" "blob" is not delivered to Event Hubs');
    expect(() => adapter.plan(lyticsSubscription(1, destination, { projection: { fields: ['events'], rename: { events: 'segment_events' } } }))).toThrow(
      'may not send a field named "segment_events"',
    );
    expect(() => adapter.plan(lyticsSubscription(1, destination, { projection: { fields: ['user_id'], rename: {} } }))).toThrow(
      'may not send a field named "user_id"',
    );
  });

  it('refuses a sender without a usable connection string', () => {
    const subscription = lyticsSubscription(1, { ...destination, connectionString: 'not a connection string' });
    expect(() => adapter.createSender(subscription)).toThrow('connection string');
  });
});
