import { HEADERS, validateProfileInput } from '@activation/contracts';
import { DEFAULT_INGEST_LIMITS } from '../limits/ingest-limits';
import { checkItem } from '../validation/check-item';
import { eventIdFor } from './event-ids';
import { encodeProfileInput, toProfileInput } from './to-profile-input';

const items: Array<['profile-change' | 'event', Record<string, unknown>]> = [
  ['profile-change', { profileId: 'p', set: { a: 1, 'b.c': { d: [1, 'x', null] } } }],
  ['profile-change', { id: 's-1', profileId: 'p', unset: ['a'], identifiers: { '7': ['x'], '42': [] }, changedAt: 5 }],
  ['profile-change', { profileId: 'p', deleted: true, changedAt: '2025-01-31T12:00:00+01:00' }],
  ['event', { profileId: 'p', name: 'visit' }],
  ['event', { id: 'e', profileId: 'p', name: 'buy', occurredAt: '2025-01-31T12:00:00.123Z', properties: { amount: 3.5 } }],
];

describe('normalized profile inputs', () => {
  it.each(items)('turns a valid %s item into a message that satisfies the topic contract', (kind, item) => {
    const check = checkItem(kind, item, '$', DEFAULT_INGEST_LIMITS);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    const message = toProfileInput(check.draft, { eventId: eventIdFor(check.draft, 0, 'api-key:k'), receivedAt: 1_700_000_000_000, source: 'http' });
    const encoded = encodeProfileInput(message, DEFAULT_INGEST_LIMITS.maxItemBytes);
    if (!encoded.ok) throw new Error(encoded.reason);
    const decoded = JSON.parse(String(encoded.message.value));
    expect(validateProfileInput(decoded)).toMatchObject({ ok: true });
    expect(encoded.message.key).toBe('p');
    expect(encoded.message.headers?.[HEADERS.eventId]).toBe(decoded.eventId);
  });

  it('refuses a message over the size limit', () => {
    const check = checkItem('event', { profileId: 'p', name: 'n', properties: { a: 'x'.repeat(5000) } }, '$', DEFAULT_INGEST_LIMITS);
    if (!check.ok) throw new Error('unexpected');
    const message = toProfileInput(check.draft, { eventId: eventIdFor(check.draft, 0, 's'), receivedAt: 1, source: 'http' });
    expect(encodeProfileInput(message, 1024)).toMatchObject({ ok: false, code: 'too-long' });
  });
});
