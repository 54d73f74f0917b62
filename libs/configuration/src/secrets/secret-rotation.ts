import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../changes/actor';
import type { ConfigurationWriter } from '../changes/configuration-writer';
import { DestinationEntity } from '../entities/destination.entity';
import { WebhookSourceEntity } from '../entities/webhook-source.entity';
import { secretContext, secretOwner, type EncryptedSecrets, type SecretCipher } from './secret-cipher';

export interface RotationResult {
  destinations: number;
  webhookSources: number;
}

type SecretHolder = typeof DestinationEntity | typeof WebhookSourceEntity;

/**
 * Re-encrypts every stored secret that is not under the active key (SECRETS_ACTIVE_KEY_ID).
 * Run it after adding a new key and making it active; remove the old key from SECRETS_KEYS of
 * every service only after it reports nothing left to rotate.
 */
export class SecretRotation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    private readonly writer: ConfigurationWriter,
  ) {}

  async rotate(actor: Actor): Promise<RotationResult> {
    return {
      destinations: await this.rotateTable(DestinationEntity, 'destination', secretOwner.destination, actor),
      webhookSources: await this.rotateTable(WebhookSourceEntity, 'source', secretOwner.source, actor),
    };
  }

  /** How many rows still hold a secret under another key than the active one. */
  async pending(): Promise<RotationResult> {
    const count = async (holder: SecretHolder) =>
      (await this.dataSource.getRepository(holder).find()).filter((row) => this.isStale(row.secrets)).length;
    return { destinations: await count(DestinationEntity), webhookSources: await count(WebhookSourceEntity) };
  }

  private async rotateTable(holder: SecretHolder, entity: 'destination' | 'source', owner: (id: string) => string, actor: Actor): Promise<number> {
    const rows = await this.dataSource.getRepository(holder).find({ select: { id: true, secrets: true } });
    let rotated = 0;
    for (const { id } of rows.filter((row) => this.isStale(row.secrets))) {
      const changed = await this.writer.change({ entity, action: 'updated', actor }, async (manager: EntityManager) => {
        const row = await manager.getRepository(holder).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        const names = row ? Object.keys(row.secrets).filter((name) => this.cipher.isStale(row.secrets[name])) : [];
        if (row && names.length > 0) {
          const secrets: EncryptedSecrets = { ...row.secrets };
          for (const name of names) secrets[name] = this.cipher.reencrypt(secrets[name], secretContext(owner(id), name));
          await manager.getRepository(holder).update({ id }, { secrets });
        }
        return { result: names.length > 0, entityId: id, auditAction: 'secrets-rotated', changes: { secretsRotated: names } };
      });
      if (changed) rotated += 1;
    }
    return rotated;
  }

  private isStale(secrets: EncryptedSecrets): boolean {
    return Object.values(secrets).some((envelope) => this.cipher.isStale(envelope));
  }
}
