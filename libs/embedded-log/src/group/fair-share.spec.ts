import { fairShare } from './fair-share';

describe('fairShare', () => {
  it('gives a lone member every partition', () => {
    expect(fairShare(6, [], 'a')).toBe(6);
    expect(fairShare(6, ['a'], 'a')).toBe(6);
  });

  it('splits evenly, the first members by id taking the remainder', () => {
    const members = ['c', 'a', 'b'];
    expect(members.map((m) => fairShare(7, members, m))).toEqual([2, 3, 2]);
  });

  it('always adds up to the partition count', () => {
    for (let partitions = 1; partitions <= 12; partitions += 1) {
      for (let count = 1; count <= 8; count += 1) {
        const members = Array.from({ length: count }, (_, i) => `m${i}`);
        const total = members.reduce((sum, m) => sum + fairShare(partitions, members, m), 0);
        expect(total).toBe(partitions);
      }
    }
  });

  it('counts a member that is not yet in the list', () => {
    expect(fairShare(4, ['b'], 'a')).toBe(2);
  });
});
