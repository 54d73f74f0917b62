import { partial } from './query-partial';
import type { DataSource, EntityManager } from 'typeorm';
import { SubscriptionEntity } from '../entities/subscription.entity';
import { toPage, type Page, type PageRequest } from '../pagination/cursor';
import { likePattern, paginate } from '../pagination/keyset';

export interface SubscriptionFilter {
  audienceId?: string;
  destinationId?: string;
  enabled?: boolean;
  q?: string;
}

export class SubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, subscription: Omit<SubscriptionEntity, 'id' | 'createdAt' | 'updatedAt'>): Promise<SubscriptionEntity> {
    const result = await manager.getRepository(SubscriptionEntity).insert(partial<SubscriptionEntity>(subscription));
    const id = (result.identifiers[0] as { id: number }).id;
    return manager.getRepository(SubscriptionEntity).findOneByOrFail({ id });
  }

  async update(manager: EntityManager, id: number, changes: Partial<SubscriptionEntity>): Promise<SubscriptionEntity> {
    await manager.getRepository(SubscriptionEntity).update({ id }, partial<SubscriptionEntity>(changes));
    return manager.getRepository(SubscriptionEntity).findOneByOrFail({ id });
  }

  findForUpdate(manager: EntityManager, id: number): Promise<SubscriptionEntity | null> {
    return manager.getRepository(SubscriptionEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.getRepository(SubscriptionEntity).delete({ id });
  }

  findById(id: number, manager: EntityManager = this.dataSource.manager): Promise<SubscriptionEntity | null> {
    return manager.getRepository(SubscriptionEntity).findOneBy({ id });
  }

  findByName(name: string, manager: EntityManager = this.dataSource.manager): Promise<SubscriptionEntity | null> {
    return manager.getRepository(SubscriptionEntity).findOneBy({ name });
  }

  findByAudience(audienceId: string, manager: EntityManager = this.dataSource.manager): Promise<SubscriptionEntity[]> {
    return manager.getRepository(SubscriptionEntity).find({ where: { audienceId }, order: { id: 'ASC' } });
  }

  async countByDestination(destinationId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.getRepository(SubscriptionEntity).countBy({ destinationId });
  }

  findAll(): Promise<SubscriptionEntity[]> {
    return this.dataSource.getRepository(SubscriptionEntity).find({ order: { id: 'ASC' } });
  }

  async list(filter: SubscriptionFilter, page: PageRequest): Promise<Page<SubscriptionEntity>> {
    const query = this.dataSource.getRepository(SubscriptionEntity).createQueryBuilder('s');
    if (filter.audienceId) query.andWhere('s.audience_id = :audienceId', { audienceId: filter.audienceId });
    if (filter.destinationId) query.andWhere('s.destination_id = :destinationId', { destinationId: filter.destinationId });
    if (filter.enabled !== undefined) query.andWhere('s.enabled = :enabled', { enabled: filter.enabled });
    if (filter.q) query.andWhere('s.name ILIKE :q', { q: likePattern(filter.q) });
    const rows = await paginate(query, page, { columns: ['s.id'], shape: ['number'], direction: 'ASC' }).getMany();
    return toPage(rows, page.limit, (row) => [row.id], (row) => row);
  }
}
