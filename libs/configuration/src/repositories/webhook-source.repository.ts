import { partial } from './query-partial';
import type { DataSource, EntityManager } from 'typeorm';
import { WebhookSourceEntity } from '../entities/webhook-source.entity';
import { toPage, type Page, type PageRequest } from '../pagination/cursor';
import { likePattern, paginate } from '../pagination/keyset';

export interface WebhookSourceFilter {
  enabled?: boolean;
  q?: string;
}

export class WebhookSourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, source: Omit<WebhookSourceEntity, 'createdAt' | 'updatedAt'>): Promise<WebhookSourceEntity> {
    await manager.getRepository(WebhookSourceEntity).insert(partial<WebhookSourceEntity>(source));
    return manager.getRepository(WebhookSourceEntity).findOneByOrFail({ id: source.id });
  }

  async update(manager: EntityManager, id: string, changes: Partial<WebhookSourceEntity>): Promise<WebhookSourceEntity> {
    await manager.getRepository(WebhookSourceEntity).update({ id }, partial<WebhookSourceEntity>(changes));
    return manager.getRepository(WebhookSourceEntity).findOneByOrFail({ id });
  }

  findForUpdate(manager: EntityManager, id: string): Promise<WebhookSourceEntity | null> {
    return manager.getRepository(WebhookSourceEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(WebhookSourceEntity).delete({ id });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<WebhookSourceEntity | null> {
    return manager.getRepository(WebhookSourceEntity).findOneBy({ id });
  }

  findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<WebhookSourceEntity | null> {
    return manager.getRepository(WebhookSourceEntity).findOneBy({ slug });
  }

  findAll(): Promise<WebhookSourceEntity[]> {
    return this.dataSource.getRepository(WebhookSourceEntity).find({ order: { slug: 'ASC' } });
  }

  async list(filter: WebhookSourceFilter, page: PageRequest): Promise<Page<WebhookSourceEntity>> {
    const query = this.dataSource.getRepository(WebhookSourceEntity).createQueryBuilder('w');
    if (filter.enabled !== undefined) query.andWhere('w.enabled = :enabled', { enabled: filter.enabled });
    if (filter.q) query.andWhere('(w.name ILIKE :q OR w.slug ILIKE :q)', { q: likePattern(filter.q) });
    const rows = await paginate(query, page, { columns: ['w.slug'], shape: ['string'], direction: 'ASC' }).getMany();
    return toPage(rows, page.limit, (row) => [row.slug], (row) => row);
  }
}
