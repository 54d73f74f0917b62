import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { MessageBus, Subscription } from '@activation/kafka';
import type { RawIntakeHandler } from '../intake/raw-intake-handler';

export interface RawIntakeSubscription {
  enabled: boolean;
  rawTopic: string;
  outputTopic: string;
  groupId: string;
  serviceName: string;
  partitions: number;
  concurrency: number;
}

/**
 * Creates the raw topic (with its dead-letter topic) and the output topic when missing, and
 * consumes the raw topic with batch-then-commit semantics while the service runs.
 */
export class RawIntakeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    private readonly bus: MessageBus,
    private readonly handler: RawIntakeHandler,
    private readonly options: RawIntakeSubscription,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { rawTopic, outputTopic, partitions } = this.options;
    await this.bus.ensureTopics([
      { topic: outputTopic, partitions },
      ...(this.options.enabled ? [{ topic: rawTopic, partitions, withDeadLetterTopic: true }] : []),
    ]);
    if (!this.options.enabled) return;
    this.subscription = await this.bus.subscribe({
      groupId: this.options.groupId,
      topics: [rawTopic],
      service: this.options.serviceName,
      partitionsConsumedConcurrently: this.options.concurrency,
      handler: (messages) => this.handler.handle(messages),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
