import type { ConsumedMessage, MessageBus } from '@activation/kafka';
import { uniqueGroup, uniqueTopic, waitFor } from '@activation/testing';
import { json, WAIT_MS } from './conformance-environment';
import type { SuiteContext } from './message-bus-conformance';

const KEYS = 16;

interface Seen {
  member: string;
  partition: number;
  key: string;
  round: number;
}

export function groupCases(suite: SuiteContext): void {
  suite.it('group-split-and-takeover', 'splits the partitions between two members; when one stops the other takes over, losing nothing', async () => {
    const topic = uniqueTopic('members');
    const groupId = uniqueGroup('members');
    const producer = await suite.bus('members-producer');
    await producer.ensureTopics([{ topic, partitions: 4 }]);
    const seen: Seen[] = [];
    let round = 0;
    const publishRound = async () => {
      round += 1;
      const value = { round };
      await producer.publish(topic, Array.from({ length: KEYS }, (_, k) => ({ key: `key-${k}`, value })));
      return round;
    };
    const join = (bus: MessageBus, member: string) =>
      bus.subscribe({
        groupId, topics: [topic], service: `conformance-${member}`,
        handler: async (batch: ConsumedMessage[]) => {
          for (const m of batch) seen.push({ member, partition: m.partition, key: m.key!, round: json<{ round: number }>(m).round });
        },
      });
    const distinct = (filter: (s: Seen) => boolean) => new Set(seen.filter(filter).map((s) => `${s.key}/${s.round}`)).size;

    const first = await join(await suite.bus('members-a'), 'a');
    await publishRound();
    await waitFor(async () => distinct(() => true) === KEYS, WAIT_MS, 'the first member to consume');

    const second = await join(await suite.bus('members-b'), 'b');
    // Membership changes take a while to settle: keep publishing until the second member gets a share.
    await waitFor(async () => {
      if (seen.some((s) => s.member === 'b')) return true;
      await publishRound();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return false;
    }, WAIT_MS, 'the second member to get partitions');
    const bothRound = await publishRound();
    await waitFor(async () => distinct((s) => s.round === bothRound) === KEYS, WAIT_MS, 'a round while both are members');

    await first.stop();
    const seenByFirst = seen.filter((s) => s.member === 'a').length;
    const lastRound = await publishRound();
    await waitFor(async () => distinct((s) => s.round === lastRound) === KEYS, WAIT_MS, 'a round after the first member stopped');
    suite.stopLater(second);

    expect(seen.filter((s) => s.member === 'a').length).toBe(seenByFirst);
    expect(new Set(seen.filter((s) => s.round === bothRound).map((s) => s.member))).toEqual(new Set(['a', 'b']));
    const lastRoundSeen = seen.filter((s) => s.round === lastRound);
    expect(lastRoundSeen.every((s) => s.member === 'b')).toBe(true);
    expect(new Set(lastRoundSeen.map((s) => s.partition)).size).toBe(new Set(seen.map((s) => s.partition)).size);
    for (let r = 1; r <= lastRound; r += 1) expect(distinct((s) => s.round === r)).toBe(KEYS);
    for (let k = 0; k < KEYS; k += 1) {
      const firstDeliveries: number[] = [];
      for (const s of seen) if (s.key === `key-${k}` && !firstDeliveries.includes(s.round)) firstDeliveries.push(s.round);
      expect(firstDeliveries).toEqual(Array.from({ length: lastRound }, (_, i) => i + 1));
    }
  });
}
