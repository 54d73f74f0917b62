import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ConfigChangeMessage, parseJsonBytes, validateMessage, type ConfigEntity } from '@activation/contracts';
import type { ConsumedMessage, MessageBus, Subscription } from '@activation/kafka';

/** Changes older than the start of the first load minus this are already in it. */
const CLOCK_SKEW_MS = 60_000;

export interface ConfigChangeListenerOptions {
  serviceName: string;
  instance: string;
  topic: string;
}

/**
 * Reads config-changes with a consumer group of this process alone
 * (`<service>-config-<instance>-<random>`), so every replica sees every change. The group
 * reads from the beginning and skips changes older than the first load, so a change made
 * while the group was still joining is not lost. Several messages about one entity in a
 * batch cause one reload.
 */
export class ConfigChangeListener {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    private readonly options: ConfigChangeListenerOptions,
    private readonly reload: (entity: ConfigEntity, id: string) => Promise<void>,
  ) {}

  async start(loadStartedAt: number, loaded: Promise<unknown>): Promise<Subscription> {
    await this.bus.ensureTopics([{ topic: this.options.topic, withDeadLetterTopic: true }]);
    return this.bus.subscribe({
      groupId: `${this.options.serviceName}-config-${this.options.instance}-${randomBytes(4).toString('hex')}`,
      topics: [this.options.topic],
      service: this.options.serviceName,
      fromBeginning: true,
      handler: async (messages) => {
        await loaded;
        const pending = new Map<string, { entity: ConfigEntity; id: string }>();
        for (const message of messages) {
          const change = this.parse(message);
          if (!change || change.changedAt < loadStartedAt - CLOCK_SKEW_MS) continue;
          pending.set(`${change.entity}:${change.entityId}`, { entity: change.entity, id: change.entityId });
        }
        for (const { entity, id } of pending.values()) await this.reload(entity, id);
      },
    });
  }

  /**
   * A malformed change is logged and skipped rather than dead-lettered: every replica reads it,
   * and reloading nothing is the only safe reaction.
   */
  private parse(message: ConsumedMessage): ConfigChangeMessage | undefined {
    const json = parseJsonBytes(message.value ?? Buffer.alloc(0));
    const result = json.ok ? validateMessage(ConfigChangeMessage, json.value) : undefined;
    if (result?.ok) return result.value;
    this.logger.warn({ topic: message.topic, partition: message.partition, offset: message.offset }, 'ignoring malformed config-change message');
    return undefined;
  }
}
