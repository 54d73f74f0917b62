import type { AudienceDefinition, MembershipEventMessage, ProfileInputMessage } from '@activation/contracts';
import type { MessageBus, Subscription } from '@activation/kafka';
import type { DataSource } from 'typeorm';
import { EvaluationEngine } from '../evaluation-engine';
import type { EvaluationOptions } from '../runtime/evaluation-options';
import { InMemoryAudienceCatalog } from './in-memory-audience-catalog';
import { ManualClock } from './manual-clock';
import { readAllMessages, type ReadMessage } from './read-all-messages';

export interface HarnessSetup {
  dataSource: DataSource;
  bus: MessageBus;
  brokers: string[];
  inputsTopic: string;
  membershipTopic: string;
  groupId: string;
  now: number;
  options?: Partial<EvaluationOptions>;
}

// Problems of background tasks would otherwise only show as a timeout.
const testLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (context: object, message: string) => console.warn(message, context),
  error: (context: object, message: string) => console.error(message, context),
};

/**
 * An in-process evaluator on the real broker and database for integration specs: an engine fed
 * by a real consumer of the inputs topic, an in-memory catalog and a manual clock.
 */
export class EvaluationHarness {
  readonly catalog = new InMemoryAudienceCatalog();
  readonly clock: ManualClock;
  readonly engine: EvaluationEngine;
  private subscription?: Subscription;

  constructor(private readonly setup: HarnessSetup) {
    this.clock = new ManualClock(setup.now);
    this.engine = new EvaluationEngine({
      dataSource: setup.dataSource,
      bus: setup.bus,
      catalog: this.catalog,
      clock: this.clock,
      logger: testLogger,
      options: {
        membershipTopic: setup.membershipTopic,
        schedulerIntervalMs: 100,
        jobIntervalMs: 100,
        outboxSweepIntervalMs: 500,
        outboxStallMs: 2_000,
        ...setup.options,
      },
    });
  }

  async start(audiences: AudienceDefinition[] = []): Promise<void> {
    for (const audience of audiences) await this.catalog.put(audience);
    await this.engine.start();
    this.subscription = await this.setup.bus.subscribe({
      groupId: this.setup.groupId,
      topics: [this.setup.inputsTopic],
      service: 'evaluator-test',
      handler: (messages) => this.engine.handleProfileInputs(messages),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    await this.engine.stop();
  }

  async send(inputs: ProfileInputMessage[]): Promise<void> {
    await this.setup.bus.publish(this.setup.inputsTopic, inputs.map((input) => ({ key: input.profileId, value: input })));
  }

  async processedCount(): Promise<number> {
    const [row] = await this.setup.dataSource.query(`SELECT count(*)::int AS n FROM processed_inputs`);
    return row.n;
  }

  async pendingOutbox(): Promise<number> {
    const [row] = await this.setup.dataSource.query(`SELECT count(*)::int AS n FROM membership_outbox`);
    return row.n;
  }

  async membershipMessages(): Promise<MembershipEventMessage[]> {
    return (await this.membershipRecords()).map((message) => message.value);
  }

  /** With partition and offset, to tell new messages from ones already seen. */
  membershipRecords(): Promise<Array<ReadMessage<MembershipEventMessage>>> {
    return readAllMessages<MembershipEventMessage>(this.setup.brokers, this.setup.membershipTopic);
  }
}
