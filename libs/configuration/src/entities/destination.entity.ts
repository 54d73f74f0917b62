import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EncryptedSecrets } from '../secrets/secret-cipher';

export const DESTINATION_KINDS = ['function', 'eventhubs', 'lytics-eventhubs', 'blob-export', 'event-export'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

@Entity({ name: 'destinations' })
export class DestinationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: DestinationKind;

  @Column('jsonb')
  settings: Record<string, unknown>;

  /** Secret name → AES-256-GCM envelope; never sent to clients. */
  @Column('jsonb')
  secrets: EncryptedSecrets;

  @Column('boolean')
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
