import { randomUUID } from 'node:crypto';
import type { ConsumedMessage } from '@activation/kafka';
import { parseBehavioralEvents } from './parse-behavioral-events';

const message = (offset: number, value: unknown): ConsumedMessage => ({
  topic: 'profile-inputs', partition: 0, offset: String(offset), key: 'p-1', headers: {}, timestamp: 0,
  value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

describe('parseBehavioralEvents', () => {
  it('keeps behavioral events, passes over profile changes, and reports invalid messages by offset', () => {
    const eventId = randomUUID();
    const parsed = parseBehavioralEvents([
      message(1, { kind: 'event', eventId, version: 1, profileId: 'p-1', name: 'purchase', occurredAt: 5, receivedAt: 6, source: 'web', properties: { sku: 'A' } }),
      message(2, { kind: 'profile-change', eventId: randomUUID(), version: 1, profileId: 'p-1', set: { tier: 'gold' }, changedAt: 5, receivedAt: 6, source: 'web' }),
      message(3, '{not json'),
      message(4, { kind: 'event', eventId: randomUUID(), version: 1, profileId: 'p-1', occurredAt: -1, receivedAt: 6, source: 'web' }),
      message(5, null),
    ]);
    expect(parsed.events).toEqual([{ eventId, profileId: 'p-1', name: 'purchase', occurredAt: 5, receivedAt: 6, source: 'web', properties: { sku: 'A' } }]);
    expect(parsed.invalid.map((bad) => bad.offset)).toEqual(['3', '4', '5']);
    expect(parsed.invalid[1].reason).toMatch(/\$\.name|\$\.occurredAt/);
  });
});
