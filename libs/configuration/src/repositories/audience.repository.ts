import { partial } from './query-partial';
import type { DataSource, EntityManager } from 'typeorm';
import { AudienceVersionEntity } from '../entities/audience-version.entity';
import { AudienceEntity, type AudienceStatus } from '../entities/audience.entity';
import { toPage, type Page, type PageRequest } from '../pagination/cursor';
import { likePattern, paginate } from '../pagination/keyset';

export interface AudienceFilter {
  status?: AudienceStatus;
  q?: string;
}

export class AudienceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, audience: Omit<AudienceEntity, 'number' | 'createdAt' | 'updatedAt'>): Promise<AudienceEntity> {
    await manager.getRepository(AudienceEntity).insert(partial<AudienceEntity>(audience));
    return manager.getRepository(AudienceEntity).findOneByOrFail({ id: audience.id });
  }

  async update(manager: EntityManager, id: string, changes: Partial<AudienceEntity>): Promise<AudienceEntity> {
    await manager.getRepository(AudienceEntity).update({ id }, partial<AudienceEntity>(changes));
    return manager.getRepository(AudienceEntity).findOneByOrFail({ id });
  }

  /** Locks the row for the rest of the transaction, so concurrent updates cannot skip a version. */
  findForUpdate(manager: EntityManager, id: string): Promise<AudienceEntity | null> {
    return manager.getRepository(AudienceEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(AudienceEntity).delete({ id });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<AudienceEntity | null> {
    return manager.getRepository(AudienceEntity).findOneBy({ id });
  }

  findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<AudienceEntity | null> {
    return manager.getRepository(AudienceEntity).findOneBy({ slug });
  }

  findAll(): Promise<AudienceEntity[]> {
    return this.dataSource.getRepository(AudienceEntity).find({ order: { number: 'ASC' } });
  }

  async list(filter: AudienceFilter, page: PageRequest): Promise<Page<AudienceEntity>> {
    const query = this.dataSource.getRepository(AudienceEntity).createQueryBuilder('a');
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.q) query.andWhere('(a.name ILIKE :q OR a.slug ILIKE :q)', { q: likePattern(filter.q) });
    const rows = await paginate(query, page, { columns: ['a.slug'], shape: ['string'], direction: 'ASC' }).getMany();
    return toPage(rows, page.limit, (row) => [row.slug], (row) => row);
  }

  async insertVersion(manager: EntityManager, version: Omit<AudienceVersionEntity, 'createdAt'>): Promise<void> {
    await manager.getRepository(AudienceVersionEntity).insert(partial<AudienceVersionEntity>(version));
  }

  async listVersions(audienceId: string, page: PageRequest): Promise<Page<AudienceVersionEntity>> {
    const query = this.dataSource
      .getRepository(AudienceVersionEntity)
      .createQueryBuilder('v')
      .where('v.audience_id = :audienceId', { audienceId });
    const rows = await paginate(query, page, { columns: ['v.version'], shape: ['number'], direction: 'DESC' }).getMany();
    return toPage(rows, page.limit, (row) => [row.version], (row) => row);
  }
}
