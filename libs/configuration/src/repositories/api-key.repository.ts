import type { DataSource, EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import type { ApiKeyRole } from '../api-keys/api-key-roles';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { toPage, type Page, type PageRequest } from '../pagination/cursor';
import { likePattern, paginate } from '../pagination/keyset';

export interface ApiKeyFilter {
  role?: ApiKeyRole;
  revoked?: boolean;
  q?: string;
}

export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, key: Omit<ApiKeyEntity, 'createdAt'>): Promise<ApiKeyEntity> {
    return manager.getRepository(ApiKeyEntity).save(manager.getRepository(ApiKeyEntity).create(key));
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ApiKeyEntity | null> {
    return manager.getRepository(ApiKeyEntity).findOneBy({ id });
  }

  /** The key with this hash if it is neither revoked nor expired. */
  async findUsableByHash(hash: string, now = new Date()): Promise<ApiKeyEntity | null> {
    const key = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ keyHash: hash, revokedAt: IsNull() });
    return key && (key.expiresAt === null || key.expiresAt > now) ? key : null;
  }

  async hasUsableAdminKey(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM api_keys WHERE 'admin' = ANY(roles) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) LIMIT 1`,
    );
    return rows.length > 0;
  }

  async list(filter: ApiKeyFilter, page: PageRequest): Promise<Page<ApiKeyEntity>> {
    const query = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k');
    if (filter.role) query.andWhere(':role = ANY(k.roles)', { role: filter.role });
    if (filter.revoked !== undefined) query.andWhere(filter.revoked ? 'k.revoked_at IS NOT NULL' : 'k.revoked_at IS NULL');
    if (filter.q) query.andWhere('k.name ILIKE :q', { q: likePattern(filter.q) });
    const rows = await paginate(query, page, { columns: ['k.name', 'k.id'], shape: ['string', 'string'], direction: 'ASC' }).getMany();
    return toPage(rows, page.limit, (row) => [row.name, row.id], (row) => row);
  }

  async revoke(manager: EntityManager, id: string, at: Date): Promise<ApiKeyEntity | null> {
    await manager.getRepository(ApiKeyEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return this.findById(id, manager);
  }
}
