import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import type { FieldError } from '@activation/contracts';
import {
  AudienceRepository, ConfigurationWriter, SubscriptionRepository, auditChanges, validateAudienceRule,
  type Actor, type AudienceEntity, type AudienceStatus,
} from '@activation/configuration';
import type { EntityManager } from 'typeorm';
import { assertNoFieldErrors, ProblemException } from '../problem-details/problem';
import { toAudienceView, type AudienceView } from './audience.view';

export interface UpdateAudienceCommand {
  actor: Actor;
  id: string;
  name?: string;
  /** Absent keeps the description; null clears it. */
  description?: string | null;
  rule?: unknown;
  projectedVariables?: string[];
  status?: AudienceStatus;
}

/**
 * Changes an audience. A new rule or new projected variables make a new version (kept in
 * audience_versions); a variable still projected by a subscription cannot be dropped.
 */
@Injectable()
export class UpdateAudienceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly audiences: AudienceRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: UpdateAudienceCommand): Promise<AudienceView> {
    if (command.rule !== undefined) assertNoFieldErrors(validateAudienceRule(command.rule));
    return this.writer.change({ entity: 'audience', action: 'updated', actor: command.actor }, async (manager) => {
      const existing = await this.audiences.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('audience', command.id);
      const rule = command.rule ?? existing.rule;
      const projectedVariables = command.projectedVariables ?? existing.projectedVariables;
      if (command.projectedVariables) await this.assertStillProjected(manager, existing, projectedVariables);
      const versioned = !isDeepStrictEqual(rule, existing.rule) || !isDeepStrictEqual(projectedVariables, existing.projectedVariables);
      const version = versioned ? existing.version + 1 : existing.version;
      const saved = await this.audiences.update(manager, command.id, {
        name: command.name ?? existing.name,
        description: command.description === null ? null : (command.description ?? existing.description),
        status: command.status ?? existing.status,
        rule,
        projectedVariables,
        version,
      });
      if (versioned) {
        await this.audiences.insertVersion(manager, { audienceId: command.id, version, rule, projectedVariables, createdBy: command.actor.label });
      }
      const view = toAudienceView(saved);
      return { result: view, entityId: command.id, changes: auditChanges({ ...toAudienceView(existing) }, { ...view }) };
    });
  }

  private async assertStillProjected(manager: EntityManager, audience: AudienceEntity, next: string[]): Promise<void> {
    const kept = new Set(next);
    const errors: FieldError[] = [];
    for (const subscription of await this.subscriptions.findByAudience(audience.id, manager)) {
      const missing = subscription.projection.fields.filter((field) => !kept.has(field));
      if (missing.length > 0) {
        errors.push({
          path: '$.projectedVariables',
          message: `subscription ${subscription.id} ("${subscription.name}") still projects ${missing.map((field) => `"${field}"`).join(', ')}`,
        });
      }
    }
    assertNoFieldErrors(errors);
  }
}
