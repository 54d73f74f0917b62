import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConfigEntity } from '@activation/contracts';
import { AuditRepository } from '../repositories/audit.repository';
import type { Actor } from './actor';
import type { ConfigChangeAction, ConfigChangePublisher } from './config-change-publisher';

export interface ChangeOutcome<T> {
  result: T;
  entityId: string;
  /** What the audit log keeps; built from views that never hold secret values. */
  changes: Record<string, unknown>;
  /** Audit action when it says more than created / updated / deleted (e.g. `revoked`). */
  auditAction?: string;
}

export interface ChangeRequest {
  entity: ConfigEntity;
  action: ConfigChangeAction;
  actor: Actor;
}

/**
 * Every configuration change goes through here: the change and its audit entry commit in one
 * transaction, then services are told. If telling them fails, the change stands and is logged;
 * every cache also reloads in full periodically (CONFIG_CACHE_REFRESH_MS), so it is picked up.
 */
export class ConfigurationWriter {
  private readonly audit: AuditRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: ConfigChangePublisher,
    private readonly logger: Logger,
  ) {
    this.audit = new AuditRepository(dataSource);
  }

  async change<T>(request: ChangeRequest, work: (manager: EntityManager) => Promise<ChangeOutcome<T>>): Promise<T> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const done = await work(manager);
      await this.audit.record(manager, {
        actorKeyId: request.actor.keyId,
        actor: request.actor.label,
        entity: request.entity,
        entityId: done.entityId,
        action: done.auditAction ?? request.action,
        changes: done.changes,
      });
      return done;
    });
    await this.notify(request.entity, outcome.entityId, request.action);
    return outcome.result;
  }

  /** Publishes a change that needs no audit entry of its own (e.g. secrets re-encrypted). */
  async notify(entity: ConfigEntity, entityId: string, action: ConfigChangeAction): Promise<void> {
    try {
      await this.publisher.publish(entity, entityId, action);
    } catch (error) {
      this.logger.error(
        { entity, entityId, action, reason: (error as Error).message },
        'configuration saved but the change could not be published; caches pick it up at their next full reload',
      );
    }
  }
}
