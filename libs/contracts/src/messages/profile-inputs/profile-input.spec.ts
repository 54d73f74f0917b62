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

const event = () => ({
  kind: 'event', eventId: randomEventId(), version: 1, profileId: 'p-1', name: 'purchase',
  occurredAt: 1, receivedAt: 2, source: 'http', properties: { amount: 3 },
});

describe('validateProfileInput', () => {
  it('accepts a well-formed profile change and event', () => {
    expect(validateProfileInput(change()).ok).toBe(true);
    expect(validateProfileInput(event()).ok).toBe(true);
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

  it.each([
    ['a missing profile id', { ...change(), profileId: undefined }, '$.profileId', 'profileId is required'],
    ['an empty profile id', { ...change(), profileId: '' }, '$.profileId', 'profileId must not be empty'],
    ['a profile id of the wrong type', { ...change(), profileId: 7 }, '$.profileId', 'profileId must be a string'],
    ['attributes that are not an object', { ...change(), set: 'x' }, '$.set', 'set must be a JSON object'],
    ['a missing event name', { ...event(), name: undefined }, '$.name', 'name is required'],
    ['an empty event profile id', { ...event(), profileId: '' }, '$.profileId', 'profileId must not be empty'],
    ['properties that are not an object', { ...event(), properties: 'x' }, '$.properties', 'properties must be a JSON object'],
  ])('says plainly what is wrong with %s, once', (_name, input, path, message) => {
    expect(validateProfileInput(input)).toEqual({ ok: false, errors: [{ path, message }] });
  });
});
