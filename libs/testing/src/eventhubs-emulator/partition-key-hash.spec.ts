import { partitionIndexForKey } from './partition-key-hash';

describe('partitionIndexForKey', () => {
  // Reference values produced by @azure/event-hubs 6's own key-to-partition mapper.
  it.each([
    ['', 4, 0],
    ['a', 4, 0],
    ['a', 32, 28],
    ['profile-1', 4, 3],
    ['profile-1', 32, 31],
    ['abcdefghijkl', 4, 1],
    ['abcdefghijkl', 32, 5],
    ['abcdefghijklmnopqrstuvwxyz0123456789', 4, 2],
    ['abcdefghijklmnopqrstuvwxyz0123456789', 32, 6],
    ['ünïcødé', 4, 3],
    ['ünïcødé', 32, 19],
    ['customer:42', 32, 28],
  ])('maps %j over %i partitions to %i', (key, partitions, expected) => {
    expect(partitionIndexForKey(key, partitions)).toBe(expected);
  });

  it('always lands inside the hub', () => {
    for (let i = 0; i < 500; i++) {
      const index = partitionIndexForKey(`key-${i}`, 7);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(7);
    }
  });
});
