import { CONFIGURATION_ENTITIES } from '@activation/configuration';
import { createTestBus, createTestSchema, testDatabaseUrl, testKafkaBrokers, waitFor } from '@activation/testing';
import { membershipEvent } from '../testing/membership-event';
import { insertAudience, insertFunctionDestination, insertSubscription } from '../testing/configuration-fixtures';
import { DeliveryHarness } from '../testing/delivery-harness';
import { FunctionServer, type ReceivedCall, type Reply } from '../testing/function-server';

const PHASES = 16;
const PHASE_MS = 2_000;
const EVENT_EVERY_MS = 25;
const FUNCTION_MS = 250;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Two subscriptions get the same steady flow (40 events/s each) to functions that take 250 ms
 * per call. The healthy one's delivery latency is measured while the other function works and
 * while it hangs until every call times out, in alternating two-second phases so that the
 * machine's own hiccups hit both alike.
 *
 * Delivery latency runs from the invoker's consumer reading the event to the function having
 * accepted it (answered); it is what a slow destination could spoil, and what is compared. The
 * latency from publishing (Kafka's own transport included) is printed alongside.
 */
describe('function invoker: one destination down does not slow the others', () => {
  let harness: DeliveryHarness;
  let healthy: FunctionServer;
  let other: FunctionServer;
  let healthyAudience: string;
  let otherAudience: string;
  let otherDown = false;
  const consumedAt = new Map<string, number>();

  beforeAll(async () => {
    harness = await new DeliveryHarness(
      {
        schema: await createTestSchema({ entities: CONFIGURATION_ENTITIES }), bus: createTestBus('isolation-spec'), brokers: testKafkaBrokers(),
        databaseUrl: testDatabaseUrl(),
      },
      { partitions: 3, onConsumed: (messages) => messages.forEach((message) => message.key && consumedAt.set(message.key, Date.now())) },
    ).setUp();
    healthy = await FunctionServer.start(() => ({ delayMs: FUNCTION_MS }));
    other = await FunctionServer.start((): Reply => (otherDown ? { hang: true } : { delayMs: FUNCTION_MS }));
    const settings = { concurrency: 20, retry: { mode: 'immediate', attempts: 3 } };
    healthyAudience = await insertAudience(harness.dataSource, ['sentAt']);
    otherAudience = await insertAudience(harness.dataSource, ['sentAt']);
    const healthyDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: healthy.url, timeoutMs: 1_000 });
    const otherDestination = await insertFunctionDestination(harness.dataSource, harness.cipher, { url: other.url, timeoutMs: 1_000 });
    await insertSubscription(harness.dataSource, { audienceId: healthyAudience, destinationId: healthyDestination, fields: ['sentAt'], settings });
    await insertSubscription(harness.dataSource, { audienceId: otherAudience, destinationId: otherDestination, fields: ['sentAt'], settings });
    await harness.startEngine();
  });

  afterAll(async () => {
    otherDown = false;
    await harness.tearDown();
    await healthy?.close();
    await other?.close();
  });

  it("keeps the healthy destination's p99 latency within 20% of its value with both healthy", async () => {
    let sequence = 0;
    const phaseOf = new Map<string, boolean>();
    const runPhase = async (down: boolean | undefined) => {
      otherDown = down === true;
      const until = Date.now() + PHASE_MS;
      while (Date.now() < until) {
        const sentAt = Date.now();
        sequence += 1;
        if (down !== undefined) phaseOf.set(`h${sequence}`, down);
        await harness.publish([
          membershipEvent({ audienceId: healthyAudience, profileId: `h${sequence}`, projected: { sentAt } }),
          membershipEvent({ audienceId: otherAudience, profileId: `o${sequence}`, projected: { sentAt } }),
        ]);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + EVENT_EVERY_MS - Date.now())));
      }
    };

    await runPhase(undefined); // warm-up, not measured
    for (let phase = 0; phase < PHASES; phase += 1) await runPhase(phase % 2 === 1);
    otherDown = false;
    await waitFor(async () => healthy.calls.filter((call) => call.answeredAtMs).length >= sequence, 60_000, 'every healthy row delivered');

    const key = (call: ReceivedCall) => String(call.payload.rows[0]['profile_id']);
    const measured = (down: boolean) => healthy.calls.filter((call) => phaseOf.get(key(call)) === down);
    const invoker = (down: boolean) => measured(down).map((call) => call.answeredAtMs! - consumedAt.get(key(call))!);
    const endToEnd = (down: boolean) => measured(down).map((call) => call.answeredAtMs! - Number(call.payload.rows[0]['sentAt']));
    const [both, oneDown] = [invoker(false), invoker(true)];
    const timedOut = (await harness.query<{ n: number }>(`SELECT count(*)::int AS n FROM sync_calls WHERE error_class = 'timeout'`))[0].n;
    const describe = (values: number[]) => `p50 ${percentile(values, 50)} / p99 ${percentile(values, 99)} ms`;
    console.log(
      `isolation: healthy destination, delivery latency ${describe(both)} with both up (${both.length} rows), ` +
        `${describe(oneDown)} with the other down (${oneDown.length} rows; ${timedOut} calls timed out there); ` +
        `from publishing: ${describe(endToEnd(false))} vs ${describe(endToEnd(true))}`,
    );
    expect(timedOut).toBeGreaterThan(20);
    expect(percentile(oneDown, 99)).toBeLessThanOrEqual(percentile(both, 99) * 1.2);
  });
});
