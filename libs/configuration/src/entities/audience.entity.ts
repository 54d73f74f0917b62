import { Column, CreateDateColumn, Entity, Generated, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const AUDIENCE_STATUSES = ['active', 'paused', 'archived'] as const;
export type AudienceStatus = (typeof AUDIENCE_STATUSES)[number];

@Entity({ name: 'audiences' })
export class AudienceEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Small integer shown to destinations (seed 002's `sourceNumber`), assigned by a sequence. */
  @Column('integer')
  @Generated('increment')
  number: number;

  @Column('text')
  slug: string;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text')
  status: AudienceStatus;

  @Column('jsonb')
  rule: unknown;

  @Column('text', { name: 'projected_variables', array: true })
  projectedVariables: string[];

  /** Grows with every change of the rule or the projected variables. */
  @Column('integer')
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
