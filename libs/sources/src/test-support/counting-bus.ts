import type { MessageBus, OutgoingMessage } from '@activation/kafka';

/** Counts what was published (acknowledged), so a spec knows how many messages to read back. */
export class CountingBus {
  published = 0;
  constructor(readonly inner: MessageBus) {}

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    await this.inner.publish(topic, messages);
    this.published += messages.length;
  }

  asBus(): MessageBus {
    return this as unknown as MessageBus;
  }
}
