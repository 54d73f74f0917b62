import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AudienceRepository, ConfigurationWriter, auditChanges, validateAudienceRule, type Actor } from '@activation/configuration';
import { assertNoFieldErrors } from '../problem-details/problem';
import { toAudienceView, type AudienceView } from './audience.view';

export interface CreateAudienceCommand {
  actor: Actor;
  name: string;
  slug: string;
  description?: string;
  rule: unknown;
  projectedVariables?: string[];
  status?: 'active' | 'paused';
}

/** Stores a validated audience as version 1 and tells every service. */
@Injectable()
export class CreateAudienceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly audiences: AudienceRepository,
  ) {}

  async execute(command: CreateAudienceCommand): Promise<AudienceView> {
    assertNoFieldErrors(validateAudienceRule(command.rule));
    const id = randomUUID();
    const projectedVariables = command.projectedVariables ?? [];
    return this.writer.change({ entity: 'audience', action: 'created', actor: command.actor }, async (manager) => {
      const saved = await this.audiences.insert(manager, {
        id,
        slug: command.slug,
        name: command.name,
        description: command.description ?? null,
        status: command.status ?? 'active',
        rule: command.rule,
        projectedVariables,
        version: 1,
      });
      await this.audiences.insertVersion(manager, { audienceId: id, version: 1, rule: command.rule, projectedVariables, createdBy: command.actor.label });
      const view = toAudienceView(saved);
      return { result: view, entityId: id, changes: auditChanges(null, { ...view }) };
    });
  }
}
