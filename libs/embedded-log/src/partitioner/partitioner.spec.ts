import { murmur2 } from './murmur2';
import { Partitioner, partitionForKey } from './partitioner';

describe('murmur2', () => {
  // The vectors of Kafka's own UtilsTest#testMurmur2, plus empty and non-ASCII input.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
    ['', 275646681],
    ['ü-ñ-日本', 187147396],
  ])('hashes %j like the Kafka clients', (input, expected) => {
    expect(murmur2(Buffer.from(input, 'utf8'))).toBe(expected);
  });
});

describe('partitionForKey', () => {
  it('maps keys to the partitions Kafka would choose', () => {
    expect(partitionForKey('key-0', 6)).toBe(1);
    expect(partitionForKey('profile-42', 6)).toBe(5);
    expect(partitionForKey('a-little-bit-longer-string', 6)).toBe(5);
  });

  it('is stable and stays within the partition count', () => {
    for (let i = 0; i < 500; i += 1) {
      const partition = partitionForKey(`key-${i}`, 7);
      expect(partition).toBeGreaterThanOrEqual(0);
      expect(partition).toBeLessThan(7);
      expect(partitionForKey(`key-${i}`, 7)).toBe(partition);
    }
  });

  it('spreads keys over every partition', () => {
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 4000; i += 1) counts[partitionForKey(`profile-${i}`, 4)] += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('rejects a partition count below one', () => {
    expect(() => partitionForKey('k', 0)).toThrow(RangeError);
  });
});

describe('Partitioner', () => {
  it('sends records without a key round-robin, per topic', () => {
    const partitioner = new Partitioner();
    expect([0, 1, 2, 3].map(() => partitioner.partitionOf('a', null, 3))).toEqual([0, 1, 2, 0]);
    expect(partitioner.partitionOf('b', null, 3)).toBe(0);
  });

  it('sends keyed records by hash', () => {
    const partitioner = new Partitioner();
    expect(partitioner.partitionOf('a', 'key-0', 6)).toBe(partitionForKey('key-0', 6));
  });
});
