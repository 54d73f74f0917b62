import { deterministicEventId, isEventId, randomEventId } from './event-id';

describe('event ids', () => {
  it('is stable for the same parts and differs for other parts', () => {
    const a = deterministicEventId('membership', 'aud-1', 'p-1', 3);
    expect(deterministicEventId('membership', 'aud-1', 'p-1', 3)).toBe(a);
    expect(deterministicEventId('membership', 'aud-1', 'p-1', 4)).not.toBe(a);
    expect(deterministicEventId('membership', 'aud-1p', '-1', 3)).not.toBe(a);
  });

  it('produces well-formed UUIDs', () => {
    expect(isEventId(deterministicEventId('x', 1))).toBe(true);
    expect(isEventId(randomEventId())).toBe(true);
    expect(isEventId('not-a-uuid')).toBe(false);
  });
});
