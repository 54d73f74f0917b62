import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EncryptedSecrets } from '../secrets/secret-cipher';

/** Where in a webhook's JSON body the profile id, attributes and identifiers are. */
export interface WebhookFieldMapping {
  profileId: string;
  /** Attribute name → JSON path. */
  attributes: Record<string, string>;
  /** Partner number (as text) → JSON path of that identifier. */
  identifiers: Record<string, string>;
}

export interface WebhookSignature {
  /** Request header carrying the hex HMAC-SHA256 of the raw body. */
  header: string;
}

@Entity({ name: 'webhook_sources' })
export class WebhookSourceEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Part of the webhook URL. */
  @Column('text')
  slug: string;

  @Column('jsonb')
  mapping: WebhookFieldMapping;

  @Column('jsonb', { nullable: true })
  signature: WebhookSignature | null;

  /** `hmacSecret` when signatures are checked; encrypted like destination secrets. */
  @Column('jsonb')
  secrets: EncryptedSecrets;

  @Column('boolean')
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
