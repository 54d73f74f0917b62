import { emptyProfile, type ProfileWorkingState } from '../profile/profile-state';
import { toNumber, type Queryable } from './queryable';

interface ProfileRow {
  profile_id: string;
  attributes: Record<string, unknown>;
  identifiers: Record<string, string[]>;
  deleted: boolean;
  version: string;
  changed_at: string | null;
}

/** The `profiles` table: merged attributes, identifiers, the deleted flag and a version per profile. */
export class ProfileRepository {
  /** Working states for the given profiles; profiles never seen start empty. */
  async load(manager: Queryable, profileIds: readonly string[]): Promise<Map<string, ProfileWorkingState>> {
    const states = new Map<string, ProfileWorkingState>();
    for (const id of profileIds) states.set(id, emptyProfile(id));
    if (profileIds.length === 0) return states;
    const rows: ProfileRow[] = await manager.query(
      `SELECT profile_id, attributes, identifiers, deleted, version, changed_at FROM profiles WHERE profile_id = ANY($1::text[])`,
      [profileIds],
    );
    for (const row of rows) {
      const state = states.get(row.profile_id);
      if (!state) continue;
      state.attributes = row.attributes;
      state.identifiers = row.identifiers;
      state.deleted = row.deleted;
      state.version = Number(row.version);
      state.changedAt = toNumber(row.changed_at);
    }
    return states;
  }

  async save(manager: Queryable, states: readonly ProfileWorkingState[]): Promise<void> {
    const dirty = states.filter((state) => state.dirty);
    if (dirty.length === 0) return;
    await manager.query(
      `INSERT INTO profiles (profile_id, attributes, identifiers, deleted, version, changed_at)
       SELECT r.profile_id, r.attributes, r.identifiers, r.deleted, r.version, r.changed_at
       FROM jsonb_to_recordset($1::jsonb)
         AS r(profile_id text, attributes jsonb, identifiers jsonb, deleted boolean, version bigint, changed_at bigint)
       ON CONFLICT (profile_id) DO UPDATE SET
         attributes = EXCLUDED.attributes, identifiers = EXCLUDED.identifiers, deleted = EXCLUDED.deleted,
         version = EXCLUDED.version, changed_at = EXCLUDED.changed_at, updated_at = now()`,
      [
        JSON.stringify(
          dirty.map((state) => ({
            profile_id: state.profileId,
            attributes: state.attributes,
            identifiers: state.identifiers,
            deleted: state.deleted,
            version: state.version,
            changed_at: state.changedAt,
          })),
        ),
      ],
    );
  }

  /** The next page of live profile ids after `after`, in id order (backfills and previews). */
  async page(manager: Queryable, after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ profile_id: string }> = await manager.query(
      `SELECT profile_id FROM profiles WHERE NOT deleted AND ($1::text IS NULL OR profile_id > $1) ORDER BY profile_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((row) => row.profile_id);
  }

  async countLive(manager: Queryable): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM profiles WHERE NOT deleted`);
    return row.n;
  }
}
