import type { Queryable } from './queryable';

/** Input eventIds already applied: reprocessing a redelivered input is a no-op. */
export class ProcessedInputRepository {
  /** Records the inputs and returns the eventIds that were not recorded before. */
  async claim(manager: Queryable, inputs: ReadonlyArray<{ eventId: string; profileId: string }>): Promise<Set<string>> {
    if (inputs.length === 0) return new Set();
    const rows: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO processed_inputs (event_id, profile_id)
       SELECT e, p FROM unnest($1::uuid[], $2::text[]) AS i(e, p)
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [inputs.map((input) => input.eventId), inputs.map((input) => input.profileId)],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  /** Forgets inputs older than the given age, in chunks; returns how many were removed. */
  async deleteOlderThan(manager: Queryable, days: number, chunk = 10_000): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `DELETE FROM processed_inputs WHERE ctid IN (
         SELECT ctid FROM processed_inputs WHERE processed_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, chunk],
    );
    return result[1];
  }
}
