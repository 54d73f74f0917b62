import { csvLayout, csvRow } from './csv-columns';

describe('csv rows', () => {
  it('puts the fixed columns first, then one column per property, with nested values as JSON', () => {
    const layout = csvLayout(['cart', 'price', 'source']);
    expect(layout.header).toEqual(['event_id', 'profile_id', 'event', 'occurred_at', 'received_at', 'source', 'cart', 'price', 'properties.source']);
    const row = csvRow({
      eventId: 'e1', profileId: 'p1', name: 'purchase', occurredAt: Date.parse('2025-01-02T03:04:05Z'), receivedAt: 0, source: 'web',
      properties: { price: 9.5, cart: { items: 2 }, source: 'campaign' },
    }, layout);
    expect(row).toEqual(['e1', 'p1', 'purchase', '2025-01-02T03:04:05.000Z', '1970-01-01T00:00:00.000Z', 'web', '{"items":2}', '9.5', 'campaign']);
    expect(csvRow({ eventId: 'e2', profileId: 'p2', name: 'view', occurredAt: 0, receivedAt: 0, source: 'app' }, layout).slice(6)).toEqual(['', '', '']);
  });
});
