import { randomUUID } from 'node:crypto';
import { CONFIG_CHANGE_VERSION, HEADERS, type ConfigChangeMessage, type ConfigEntity } from '@activation/contracts';
import type { MessageBus } from '@activation/kafka';

export type ConfigChangeAction = ConfigChangeMessage['action'];

/** Tells every service which entity changed (the entity id is the key, so changes of one entity stay in order). */
export class ConfigChangePublisher {
  constructor(
    private readonly bus: MessageBus,
    private readonly topic: string,
  ) {}

  async publish(entity: ConfigEntity, entityId: string, action: ConfigChangeAction, changedAt = Date.now()): Promise<void> {
    const message: ConfigChangeMessage = { eventId: randomUUID(), version: CONFIG_CHANGE_VERSION, entity, entityId, action, changedAt };
    await this.bus.publish(this.topic, [
      {
        key: entityId,
        value: message,
        headers: {
          [HEADERS.eventId]: message.eventId,
          [HEADERS.schemaVersion]: String(CONFIG_CHANGE_VERSION),
          [HEADERS.messageType]: 'config-change',
        },
      },
    ]);
  }
}
