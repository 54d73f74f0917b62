import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { secretOwner, type SecretCipher } from '@activation/configuration';

/** An audience row; returns its id and number (the number is what messages carry as `sourceNumber`). */
export async function insertAudience(dataSource: DataSource, projectedVariables: string[]): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const [row]: Array<{ number: number }> = await dataSource.query(
    `INSERT INTO audiences (id, slug, name, rule, projected_variables) VALUES ($1, $2, $3, $4, $5) RETURNING number`,
    [id, `a-${id.slice(0, 8)}`, `audience ${id.slice(0, 8)}`, JSON.stringify({ attribute: 'tier', operator: 'equals', value: 'gold' }), projectedVariables],
  );
  return { id, number: row.number };
}

export async function insertEventHubsDestination(
  dataSource: DataSource,
  cipher: SecretCipher,
  settings: Record<string, unknown>,
  connectionString: string,
): Promise<string> {
  const id = randomUUID();
  await dataSource.query(`INSERT INTO destinations (id, name, kind, settings, secrets) VALUES ($1, $2, 'eventhubs', $3, $4)`, [
    id, `eventhubs ${id.slice(0, 8)}`, JSON.stringify(settings), JSON.stringify(cipher.encryptAll({ connectionString }, secretOwner.destination(id))),
  ]);
  return id;
}

export async function insertSubscription(
  dataSource: DataSource,
  input: { audienceId: string; destinationId: string; settings?: Record<string, unknown>; fields: string[] },
): Promise<number> {
  const [row]: Array<{ id: number }> = await dataSource.query(
    `INSERT INTO subscriptions (name, audience_id, destination_id, settings, projection, initial_sync)
     VALUES ($1, $2, $3, $4, $5, 'future-only') RETURNING id`,
    [
      `subscription ${randomUUID().slice(0, 8)}`, input.audienceId, input.destinationId, JSON.stringify(input.settings ?? {}),
      JSON.stringify({ fields: input.fields, rename: {}, hash: [] }),
    ],
  );
  return row.id;
}
