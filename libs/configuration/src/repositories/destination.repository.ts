import { partial } from './query-partial';
import type { DataSource, EntityManager } from 'typeorm';
import { DestinationEntity, type DestinationKind } from '../entities/destination.entity';
import { toPage, type Page, type PageRequest } from '../pagination/cursor';
import { likePattern, paginate } from '../pagination/keyset';

export interface DestinationFilter {
  kind?: DestinationKind;
  enabled?: boolean;
  q?: string;
}

export class DestinationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, destination: Omit<DestinationEntity, 'createdAt' | 'updatedAt'>): Promise<DestinationEntity> {
    await manager.getRepository(DestinationEntity).insert(partial<DestinationEntity>(destination));
    return manager.getRepository(DestinationEntity).findOneByOrFail({ id: destination.id });
  }

  async update(manager: EntityManager, id: string, changes: Partial<DestinationEntity>): Promise<DestinationEntity> {
    await manager.getRepository(DestinationEntity).update({ id }, partial<DestinationEntity>(changes));
    return manager.getRepository(DestinationEntity).findOneByOrFail({ id });
  }

  findForUpdate(manager: EntityManager, id: string): Promise<DestinationEntity | null> {
    return manager.getRepository(DestinationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(DestinationEntity).delete({ id });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<DestinationEntity | null> {
    return manager.getRepository(DestinationEntity).findOneBy({ id });
  }

  findByName(name: string, manager: EntityManager = this.dataSource.manager): Promise<DestinationEntity | null> {
    return manager.getRepository(DestinationEntity).findOneBy({ name });
  }

  findAll(): Promise<DestinationEntity[]> {
    return this.dataSource.getRepository(DestinationEntity).find({ order: { name: 'ASC' } });
  }

  async list(filter: DestinationFilter, page: PageRequest): Promise<Page<DestinationEntity>> {
    const query = this.dataSource.getRepository(DestinationEntity).createQueryBuilder('d');
    if (filter.kind) query.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.enabled !== undefined) query.andWhere('d.enabled = :enabled', { enabled: filter.enabled });
    if (filter.q) query.andWhere('d.name ILIKE :q', { q: likePattern(filter.q) });
    const rows = await paginate(query, page, { columns: ['d.name'], shape: ['string'], direction: 'ASC' }).getMany();
    return toPage(rows, page.limit, (row) => [row.name], (row) => row);
  }
}
