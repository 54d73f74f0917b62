import { effectivePartnerNumber, readEventHubsDestination, readEventHubsSubscription } from './eventhubs-settings';

describe('Event Hubs settings', () => {
  it('reads destination and subscription settings with defaults', () => {
    const destination = readEventHubsDestination({ partnerNumber: 33 });
    expect(destination).toMatchObject({ partnerNumber: 33, timeoutMs: 10_000 });
    const subscription = readEventHubsSubscription({});
    expect(subscription).toEqual({ partnerNumber: undefined, sourceName: '', data: {}, batchSize: 100 });
    expect(effectivePartnerNumber(destination, subscription)).toBe(33);
    expect(effectivePartnerNumber(destination, readEventHubsSubscription({ partnerNumber: 7, sourceName: 's', data: { k: 'v' } }))).toBe(7);
  });

  it('refuses partner number 42, a missing partner number and unusable values', () => {
    expect(() => readEventHubsDestination({ partnerNumber: 42 })).toThrow(/reserved/);
    expect(() => readEventHubsSubscription({ partnerNumber: 42 })).toThrow(/reserved/);
    expect(() => readEventHubsDestination({})).toThrow(/partnerNumber is required/);
    expect(() => readEventHubsDestination({ partnerNumber: 33, timeoutMs: 5 })).toThrow(/timeoutMs/);
    expect(() => readEventHubsSubscription({ data: { k: 1 } })).toThrow(/data/);
    expect(() => readEventHubsSubscription({ batchSize: 0 })).toThrow(/batchSize/);
  });
});
