import { randomEventId } from '../../event-id/event-id';
import { validateProfileInput } from './profile-input';

const change = () => ({
  kind: 'profile-change',
  eventId: randomEventId(),
  version: 1,
  profileId: 'p-1',
  set: { email: 'a@example.com', address: { city: 'Oslo' } },
  unset: ['phone'],
  identifiers: { '7': ['crm-1'] },
  changedAt: 1_700_000_000_000,
  receivedAt: 1_700_000_000_100,
  source: 'http',
});

describe('validateProfileInput', () => {
  it('accepts a well-formed profile change and event', () => {
    expect(validateProfileInput(change()).ok).toBe(true);
    const event = {
      kind: 'event', eventId: randomEventId(), version: 1, profileId: 'p-1', name: 'purchase',
      occurredAt: 1, receivedAt: 2, source: 'http', properties: { amount: 3 },
    };
    expect(validateProfileInput(event).ok).toBe(true);
  });

  it.each([
    ['unknown kind', { ...change(), kind: 'other' }, '$.kind'],
    ['missing profile id', { ...change(), profileId: undefined }, '$.profileId'],
    ['wrong version', { ...change(), version: 2 }, '$.version'],
    ['array as attributes', { ...change(), set: [1, 2] }, '$.set'],
    ['prototype pollution key', { ...change(), set: JSON.parse('{"__proto__": {"x": 1}}') }, '$.set.__proto__'],
    ['unknown field', { ...change(), extra: true }, '$.extra'],
    ['non-uuid event id', { ...change(), eventId: 'abc' }, '$.eventId'],
  ])('refuses %s with the path of the error', (_name, input, path) => {
    const result = validateProfileInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path);
  });
});
