import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** What an audience's rule and projected variables were at each version. */
@Entity({ name: 'audience_versions' })
export class AudienceVersionEntity {
  @PrimaryColumn('uuid', { name: 'audience_id' })
  audienceId: string;

  @PrimaryColumn('integer')
  version: number;

  @Column('jsonb')
  rule: unknown;

  @Column('text', { name: 'projected_variables', array: true })
  projectedVariables: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('text', { name: 'created_by' })
  createdBy: string;
}
