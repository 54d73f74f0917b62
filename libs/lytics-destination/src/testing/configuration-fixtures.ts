import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { secretOwner, type SecretCipher } from '@activation/configuration';
import { CONFIG_CHANGE_VERSION, type ConfigChangeMessage, type ConfigEntity } from '@activation/contracts';
import type { MessageBus } from '@activation/kafka';

/** An audience of the profiles whose `tier` equals `tier`, projecting `email` and `tier`. */
export async function insertTierAudience(dataSource: DataSource, tier: string): Promise<{ id: string; slug: string }> {
  const id = randomUUID();
  const slug = `${tier}_${id.slice(0, 8)}`;
  await dataSource.query(`INSERT INTO audiences (id, slug, name, rule, projected_variables) VALUES ($1, $2, $3, $4, $5)`, [
    id, slug, `${tier} members`, JSON.stringify({ attribute: 'tier', operator: 'equals', value: tier }), ['email', 'tier'],
  ]);
  return { id, slug };
}

export async function insertLyticsDestination(
  dataSource: DataSource,
  cipher: SecretCipher,
  connectionString: string,
  settings: Record<string, unknown> = {},
): Promise<string> {
  const id = randomUUID();
  await dataSource.query(`INSERT INTO destinations (id, name, kind, settings, secrets) VALUES ($1, $2, 'lytics-eventhubs', $3, $4)`, [
    id, `lytics ${id.slice(0, 8)}`, JSON.stringify(settings),
    JSON.stringify(cipher.encryptAll({ connectionString }, secretOwner.destination(id))),
  ]);
  return id;
}

export async function insertLyticsSubscription(
  dataSource: DataSource,
  input: { audienceId: string; destinationId: string; initialSync: 'backfill' | 'future-only' },
): Promise<number> {
  const [row]: Array<{ id: number }> = await dataSource.query(
    `INSERT INTO subscriptions (name, audience_id, destination_id, settings, projection, initial_sync)
     VALUES ($1, $2, $3, '{}', $4, $5) RETURNING id`,
    [`lytics ${randomUUID().slice(0, 8)}`, input.audienceId, input.destinationId, JSON.stringify({ fields: ['email', 'tier'], rename: {}, hash: [] }), input.initialSync],
  );
  return row.id;
}

/** Tells running services that configuration entities were created (as the admin API does). */
export async function announceCreated(bus: MessageBus, topic: string, entities: Array<[ConfigEntity, string]>): Promise<void> {
  await bus.publish(
    topic,
    entities.map(([entity, entityId]) => {
      const value: ConfigChangeMessage = { eventId: randomUUID(), version: CONFIG_CHANGE_VERSION, entity, entityId, action: 'created', changedAt: Date.now() };
      return { key: entityId, value };
    }),
  );
}
