import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SubscriptionProjection } from '../projection/subscription-projection';

export const INITIAL_SYNC_MODES = ['backfill', 'future-only'] as const;
export type InitialSyncMode = (typeof INITIAL_SYNC_MODES)[number];

/** One audience delivered to one destination. Its integer id is the function payload's `sync_id`. */
@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'BY DEFAULT' })
  id: number;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'audience_id' })
  audienceId: string;

  @Column('uuid', { name: 'destination_id' })
  destinationId: string;

  @Column('jsonb')
  settings: Record<string, unknown>;

  @Column('jsonb')
  projection: Required<SubscriptionProjection>;

  @Column('text', { name: 'initial_sync' })
  initialSync: InitialSyncMode;

  @Column('boolean')
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
