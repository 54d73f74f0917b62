import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { BatchContext, ConsumedMessage, MessageBus, Subscription } from '../bus/message-bus';
import { KafkaBatchContext } from './kafka-batch.context';

export interface KafkaBatchTransportOptions {
  groupId: string;
  service: string;
  partitions?: number;
}

/**
 * A Nest microservice transport over the MessageBus: handlers declared with `@EventPattern(topic)`
 * or `@BatchEventPattern(topic)` keep batch-then-commit semantics (the built-in Kafka transport
 * consumes message by message and commits on its own schedule).
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private subscription?: Subscription;

  constructor(
    private readonly bus: MessageBus,
    private readonly options: KafkaBatchTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = [...this.messageHandlers.keys()];
      if (topics.length > 0) {
        await this.bus.ensureTopics(
          topics.map((topic) => ({ topic, partitions: this.options.partitions, withDeadLetterTopic: true })),
        );
        this.subscription = await this.bus.subscribe({
          groupId: this.options.groupId,
          service: this.options.service,
          topics,
          handler: (messages, context) => this.dispatch(messages, context),
        });
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  on(): never {
    throw new Error('KafkaBatchTransport does not emit events');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  private async dispatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
    const handler = this.getHandlerByPattern(messages[0].topic);
    if (!handler) throw new Error(`no handler for topic ${messages[0].topic}`);
    if (handler.extras?.['batch']) {
      await this.invoke(handler, messages, new KafkaBatchContext([messages, context]));
      return;
    }
    for (const message of messages) {
      await this.invoke(handler, message, new KafkaBatchContext([[message], context]));
    }
  }

  private async invoke(handler: MessageHandler, data: unknown, context: KafkaBatchContext): Promise<void> {
    const result = await handler(data, context);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}
