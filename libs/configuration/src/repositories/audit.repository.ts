import { partial } from './query-partial';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { toPage, type Page, type PageRequest } from '../pagination/cursor';
import { paginate } from '../pagination/keyset';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorKeyId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export type NewAuditEntry = Omit<AuditEntryEntity, 'id' | 'at'>;

export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: NewAuditEntry): Promise<void> {
    await manager.getRepository(AuditEntryEntity).insert(partial<AuditEntryEntity>(entry));
  }

  /** Newest first. */
  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryEntity>> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('e');
    if (filter.entity) query.andWhere('e.entity = :entity', { entity: filter.entity });
    if (filter.entityId) query.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorKeyId) query.andWhere('e.actor_key_id = :actorKeyId', { actorKeyId: filter.actorKeyId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.at < :to', { to: filter.to });
    const rows = await paginate(query, page, { columns: ['e.id'], shape: ['number'], direction: 'DESC' }).getMany();
    return toPage(rows, page.limit, (row) => [Number(row.id)], (row) => row);
  }
}
