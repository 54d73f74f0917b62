import { randomBytes } from 'node:crypto';
import type { PlatformClient } from './platform-client';
import { count, percent, ProgressLine } from './progress-line';
import { TRANSITION_OF, type DemoReceiver, type ReceivedCall } from './receiver';
import type { SampleData } from './sample-data';
import { DemoFailure, waitUntil } from './wait-until';

export interface ScenarioOptions {
  stepTimeoutMs: number;
  signingSecret: string;
}

interface BackfillJob {
  kind: 'backfill' | 'remove' | 'snapshot';
  status: 'running' | 'done' | 'superseded' | 'failed';
  targetSubscriptionId?: number;
  total: number;
  processed: number;
  entered: number;
  error: string | null;
}

/** One live change and the delivery it must cause. */
interface LiveExpectation {
  transition: 'NEW' | 'MODIFIED' | 'REMOVED';
  profileId: string;
  /** The delivered row must carry these values. */
  values: Record<string, unknown>;
}

const INGEST_BATCH = 500;
const PROJECTED = ['email', 'tier'];

/**
 * The guided tour: existing customers, an audience over them (backfill), a webhook destination
 * and a subscription (initial sync), then live profile changes and events, each delivery shown
 * as it arrives. Throws DemoFailure naming what did not arrive.
 */
export class Scenario {
  private readonly progress = new ProgressLine();
  private audienceId = '';
  private destinationId = '';
  private subscriptionId = 0;

  constructor(
    private readonly client: PlatformClient,
    private readonly receiver: DemoReceiver,
    private readonly data: SampleData,
    private readonly options: ScenarioOptions,
  ) {}

  async run(): Promise<void> {
    await this.client.createIngestKey(`demo-${this.data.run}`);
    await this.loadExistingProfiles();
    await this.createAudience();
    await this.connectReceiver();
    await this.subscribe();
    await this.sendLiveChanges();
    if (this.receiver.problems.length > 0) throw new DemoFailure(`the receiver saw problems:\n  ${this.receiver.problems.join('\n  ')}`);
    this.say(
      `\n✔ Every expected delivery arrived: ${count(this.data.goldCount)} NEW in the initial sync, then NEW, MODIFIED and REMOVED as profiles changed ` +
        `(${this.receiver.calls.filter((call) => !call.test).length} calls, every signature valid).`,
    );
  }

  private async loadExistingProfiles(): Promise<void> {
    const { profiles } = this.data;
    this.say(`\n1. ${count(profiles)} existing customers (every other one on the gold tier) are sent to the ingester (POST /v1/profiles).`);
    for (let start = 0; start < profiles; start += INGEST_BATCH) {
      const changes = [];
      for (let index = start; index < Math.min(profiles, start + INGEST_BATCH); index += 1) changes.push(this.data.existingProfile(index));
      await this.client.sendProfileChanges(changes);
      this.progress.update(`   sending profiles: ${count(start + changes.length)} / ${count(profiles)}`);
    }
    this.progress.done(`   sending profiles: ${count(profiles)} / ${count(profiles)}, every one accepted`);
    let stored = 0;
    await waitUntil(() => `the evaluator to store ${count(profiles)} profiles (${count(stored)} so far)`, this.options.stepTimeoutMs, async () => {
      const preview = await this.client.admin<{ matching: number }>('POST', '/v1/audiences/preview', { rule: this.data.everyProfileRule, sampleSize: 0 });
      stored = preview.matching;
      this.progress.update(`   profiles stored by the evaluator: ${count(stored)} / ${count(profiles)} (${percent(stored, profiles)})`);
      return stored >= profiles;
    });
    this.progress.done(`   profiles stored by the evaluator: ${count(profiles)} / ${count(profiles)} (100%)`);
  }

  private async createAudience(): Promise<void> {
    this.say(`\n2. Audience "Gold customers": tier is gold, or at least 2 purchases in the last 30 days (POST /v1/audiences).`);
    const audience = await this.client.admin<{ id: string }>('POST', '/v1/audiences', {
      name: `Gold customers (demo ${this.data.run})`,
      slug: `demo-gold-${this.data.run}`,
      rule: this.data.audienceRule,
      projectedVariables: PROJECTED,
    });
    this.audienceId = audience.id;
    this.say('   The evaluator backfills it over the stored profiles:');
    let line = '';
    await waitUntil('the audience backfill to finish', this.options.stepTimeoutMs, async () => {
      const job = (await this.backfills()).find((entry) => entry.kind === 'backfill');
      if (!job) return false;
      if (job.status === 'failed') throw new DemoFailure(`the audience backfill failed: ${job.error}`);
      line = this.backfillLine(job);
      this.progress.update(line);
      return job.status === 'done';
    });
    this.progress.done(line);
  }

  private backfillLine(job: BackfillJob): string {
    const processed = job.status === 'done' ? job.total : job.processed;
    return `   audience backfill: ${count(processed)} / ${count(job.total)} profiles evaluated (${percent(processed, job.total)}), ${count(job.entered)} members`;
  }

  private async connectReceiver(): Promise<void> {
    this.say(`\n3. A function destination pointing at the local receiver ${this.receiver.url} (POST /v1/destinations), then its test call:`);
    const destination = await this.client.admin<{ id: string }>('POST', '/v1/destinations', {
      name: `demo-receiver-${this.data.run}`,
      kind: 'function',
      settings: { url: this.receiver.url },
      secrets: { signingSecret: this.options.signingSecret },
    });
    this.destinationId = destination.id;
    this.receiver.onCall((received) => this.print(received));
    const test = await this.client.admin<{ ok: boolean; detail: string }>('POST', `/v1/destinations/${destination.id}/test`);
    if (!test.ok) {
      throw new DemoFailure(
        `the destination test failed: ${test.detail}\n  A platform refuses private addresses unless DELIVERY_ALLOWED_PRIVATE_NETWORKS allows them ` +
          '(the embedded default allows loopback; set DELIVERY_ALLOWED_PRIVATE_NETWORKS=loopback on a platform you started yourself).',
      );
    }
  }

  private async subscribe(): Promise<void> {
    const expected = this.data.goldCount;
    this.say(`\n4. A subscription sends the audience to the receiver in batches of 100, current members first (POST /v1/subscriptions).`);
    const delivered = new Set<string>();
    let calls = 0;
    this.receiver.onCall((received) => {
      if (received.test || received.call.operation !== 'add') return this.print(received);
      calls += 1;
      for (const row of received.call.rows) delivered.add(String(row['profile_id']));
    });
    const subscription = await this.client.admin<{ id: number }>('POST', '/v1/subscriptions', {
      name: `demo-gold-to-receiver-${this.data.run}`,
      audienceId: this.audienceId,
      destinationId: this.destinationId,
      settings: { batchSize: 100 },
      projection: { fields: PROJECTED },
      initialSync: 'backfill',
    });
    this.subscriptionId = subscription.id;
    const line = () => `   initial sync: ${count(delivered.size)} / ${count(expected)} members delivered (${percent(delivered.size, expected)}) in ${calls} ${calls === 1 ? 'call' : 'calls'}`;
    await waitUntil(() => `the initial sync to deliver ${count(expected)} members (${count(delivered.size)} arrived)`, this.options.stepTimeoutMs, async () => {
      const snapshot = (await this.backfills()).find((entry) => entry.kind === 'snapshot' && entry.targetSubscriptionId === this.subscriptionId);
      if (snapshot?.status === 'failed') throw new DemoFailure(`the initial sync snapshot failed: ${snapshot.error}`);
      this.progress.update(line());
      return delivered.size >= expected;
    });
    this.progress.done(line());
    this.receiver.onCall((received) => this.print(received));
  }

  private async sendLiveChanges(): Promise<void> {
    const { cast } = this.data;
    const id = (index: number) => this.data.profileId(index);
    const since = this.receiver.calls.length;
    const changedEmail = `customer-${cast.emailChanger}+new@example.com`;
    const expectations: LiveExpectation[] = [
      { transition: 'NEW', profileId: this.data.newcomerId, values: { tier: 'gold', email: 'newcomer@example.com' } },
      { transition: 'MODIFIED', profileId: id(cast.emailChanger), values: { email: changedEmail } },
      { transition: 'REMOVED', profileId: id(cast.downgraded), values: {} },
      { transition: 'NEW', profileId: id(cast.buyer), values: { tier: 'silver' } },
    ];
    this.say('\n5. Live changes, each delivered as it happens:');
    const sent = (who: string, what: string, route: string) => this.say(`   → ${`${who} ${what}`.padEnd(52)} (${route})`);
    sent(this.data.newcomerId, 'signs up on the gold tier', 'POST /v1/profiles');
    await this.client.sendProfileChanges([{ profileId: this.data.newcomerId, set: { demoRun: this.data.run, tier: 'gold', email: 'newcomer@example.com' } }]);
    sent(id(cast.emailChanger), '(gold) changes their email', 'POST /v1/profiles');
    await this.client.sendProfileChanges([{ profileId: id(cast.emailChanger), set: { email: changedEmail } }]);
    sent(id(cast.downgraded), '(gold) moves to the silver tier', 'POST /v1/profiles');
    await this.client.sendProfileChanges([{ profileId: id(cast.downgraded), set: { tier: 'silver' } }]);
    sent(id(cast.buyer), '(silver) buys twice', 'POST /v1/events');
    const now = Date.now();
    await this.client.sendEvents([
      { id: `${id(cast.buyer)}-order-1`, profileId: id(cast.buyer), name: 'purchase', occurredAt: now - 60_000, properties: { amount: 120 } },
      { id: `${id(cast.buyer)}-order-2`, profileId: id(cast.buyer), name: 'purchase', occurredAt: now, properties: { amount: 80 } },
    ]);
    const missing = () => expectations.filter((expectation) => !this.receiver.calls.slice(since).some((received) => satisfies(received, expectation)));
    await waitUntil('the live changes to be delivered', this.options.stepTimeoutMs, () => missing().length === 0).catch((error: Error) => {
      const names = missing().map((expectation) => `${expectation.transition} of ${expectation.profileId}`);
      throw new DemoFailure(`${error.message}; still missing: ${names.join(', ')}`);
    });
  }

  /** The audience's newest jobs (one page is plenty: the demo's audience has only a few). */
  private async backfills(): Promise<BackfillJob[]> {
    return (await this.client.admin<{ items: BackfillJob[] }>('GET', `/v1/audiences/${this.audienceId}/backfills`)).items;
  }

  /** One line per call: the transition, then each row (a few, for large batches). */
  private print({ call, test }: ReceivedCall): void {
    if (test) {
      this.say(`   ← test call received (operation ${call.operation}, no rows, signature checked)`);
      return;
    }
    const transition = TRANSITION_OF[call.operation];
    const shown = call.rows.slice(0, 3).map((row) => {
      const { [call.primary_key_column]: key, ...values } = row;
      const fields = Object.entries(values).map(([name, value]) => `${name}=${value}`).join(' ');
      return `${String(key)} ${fields}`;
    });
    const more = call.rows.length > shown.length ? ` … and ${call.rows.length - shown.length} more` : '';
    this.say(`   ← ${transition.padEnd(8)} ${shown.join(' | ')}${more}   (sync ${call.metadata.sync_id}, run ${call.metadata.sync_run_id})`);
  }

  private say(text: string): void {
    this.progress.interrupt();
    process.stdout.write(`${text}\n`);
  }
}

function satisfies({ call, test }: ReceivedCall, expectation: LiveExpectation): boolean {
  if (test || TRANSITION_OF[call.operation] !== expectation.transition) return false;
  return call.rows.some(
    (row) =>
      row[call.primary_key_column] === expectation.profileId &&
      Object.entries(expectation.values).every(([name, value]) => row[name] === value),
  );
}

export function newSigningSecret(): string {
  return randomBytes(24).toString('hex');
}
