/**
 * How many of a topic's partitions `member` should own: every live member subscribed to the
 * topic gets the floor of the even split, and the first members (by id) one more for the rest.
 * Every member computes the same answer from the same member list, so no coordinator is needed.
 */
export function fairShare(partitions: number, members: readonly string[], member: string): number {
  const everyone = [...new Set([...members, member])].sort();
  const index = everyone.indexOf(member);
  const base = Math.floor(partitions / everyone.length);
  return base + (index < partitions % everyone.length ? 1 : 0);
}
