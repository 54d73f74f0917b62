import type { AudienceDefinition } from '@activation/contracts';
import type { Queryable } from './queryable';

export type EvaluatedStatus = 'active' | 'paused' | 'removed';

export interface EvaluatedAudience {
  audienceId: string;
  version: number;
  status: EvaluatedStatus;
  definition: AudienceDefinition;
}

/**
 * `evaluated_audiences`: the audience version and status the stored memberships follow, so a
 * change made while no evaluator ran is still noticed (and backfilled) at the next start.
 */
export class EvaluatedAudienceRepository {
  /** Locks the audience's row (and serializes reconcilers of the same audience) and returns it. */
  async lock(manager: Queryable, audienceId: string): Promise<EvaluatedAudience | undefined> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':audience:' || $1, 0))`, [
      audienceId,
    ]);
    const rows = await manager.query(
      `SELECT audience_id, version, status, definition FROM evaluated_audiences WHERE audience_id = $1`,
      [audienceId],
    );
    return rows.length === 0
      ? undefined
      : { audienceId, version: rows[0].version, status: rows[0].status, definition: rows[0].definition };
  }

  async save(manager: Queryable, audience: EvaluatedAudience): Promise<void> {
    await manager.query(
      `INSERT INTO evaluated_audiences (audience_id, version, status, definition) VALUES ($1, $2, $3, $4)
       ON CONFLICT (audience_id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
         definition = EXCLUDED.definition, updated_at = now()`,
      [audience.audienceId, audience.version, audience.status, JSON.stringify(audience.definition)],
    );
  }

  async listIds(manager: Queryable): Promise<string[]> {
    const rows: Array<{ audience_id: string }> = await manager.query(`SELECT audience_id FROM evaluated_audiences`);
    return rows.map((row) => row.audience_id);
  }
}
