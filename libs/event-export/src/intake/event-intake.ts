import type { Logger } from 'pino';
import { PermanentMessageError, type MessageBus, type Subscription } from '@activation/kafka';
import type { ExportEventRepository } from '../store/export-event.repository';
import { parseBehavioralEvents } from './parse-behavioral-events';

export interface EventIntakeOptions {
  topic: string;
  groupId: string;
  service: string;
  partitions: number;
  maxAttempts?: number;
}

/**
 * Copies the behavioral events of the profile-inputs topic into `export_events`, in its own
 * consumer group. An invalid message is dead-lettered (after the valid ones of its batch are
 * stored); offsets are committed only once the rows are in Postgres.
 */
export class EventIntake {
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly events: ExportEventRepository,
    private readonly options: EventIntakeOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const { topic, groupId, service, partitions, maxAttempts } = this.options;
    await this.bus.ensureTopics([{ topic, partitions, withDeadLetterTopic: true }]);
    this.subscription = await this.bus.subscribe({
      groupId, topics: [topic], service, fromBeginning: true, ...(maxAttempts ? { maxAttempts } : {}),
      handler: async (messages) => {
        const { events, invalid } = parseBehavioralEvents(messages);
        const stored = await this.events.insert(events);
        this.logger.debug({ received: messages.length, events: events.length, stored }, 'behavioral events kept for export');
        if (invalid.length > 0) {
          throw new PermanentMessageError(`invalid profile input at offset ${invalid.map((bad) => `${bad.offset} (${bad.reason})`).join(', ')}`);
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
