import type { MembershipState } from '../membership/membership-state';
import { toNumber, type Queryable } from './queryable';

interface MembershipRow {
  profile_id: string;
  audience_id: string;
  member: boolean;
  membership_version: number;
  audience_version: number;
  projected: Record<string, unknown>;
  entered_at: string | null;
  exited_at: string | null;
}

function toState(row: MembershipRow): MembershipState {
  return {
    audienceId: row.audience_id,
    member: row.member,
    membershipVersion: row.membership_version,
    audienceVersion: row.audience_version,
    projected: row.projected,
    enteredAt: toNumber(row.entered_at),
    exitedAt: toNumber(row.exited_at),
  };
}

/** Stored membership per (profile, audience): member flag, version, last projected values. */
export class MembershipRepository {
  /** Memberships of the given profiles (optionally only of one audience), by profile then audience. */
  async load(
    manager: Queryable,
    profileIds: readonly string[],
    audienceId?: string,
  ): Promise<Map<string, Map<string, MembershipState>>> {
    const byProfile = new Map<string, Map<string, MembershipState>>();
    if (profileIds.length === 0) return byProfile;
    const rows: MembershipRow[] = await manager.query(
      `SELECT profile_id, audience_id, member, membership_version, audience_version, projected, entered_at, exited_at
       FROM memberships WHERE profile_id = ANY($1::text[])${audienceId === undefined ? '' : ' AND audience_id = $2'}`,
      audienceId === undefined ? [profileIds] : [profileIds, audienceId],
    );
    for (const row of rows) {
      const memberships = byProfile.get(row.profile_id) ?? new Map<string, MembershipState>();
      memberships.set(row.audience_id, toState(row));
      byProfile.set(row.profile_id, memberships);
    }
    return byProfile;
  }

  /** Upserts the rows; projected values travel as one newline-joined parameter (JSON has no raw newline). */
  async save(manager: Queryable, rows: ReadonlyArray<{ profileId: string; membership: MembershipState }>): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO memberships
         (profile_id, audience_id, member, membership_version, audience_version, projected, entered_at, exited_at)
       SELECT r.profile_id, r.audience_id, r.member, r.membership_version, r.audience_version, r.projected::jsonb,
              r.entered_at, r.exited_at
       FROM unnest($1::text[], $2::text[], $3::boolean[], $4::integer[], $5::integer[],
         string_to_array($6::text, E'\\n'), $7::bigint[], $8::bigint[])
         AS r(profile_id, audience_id, member, membership_version, audience_version, projected, entered_at, exited_at)
       ON CONFLICT (profile_id, audience_id) DO UPDATE SET
         member = EXCLUDED.member, membership_version = EXCLUDED.membership_version,
         audience_version = EXCLUDED.audience_version, projected = EXCLUDED.projected,
         entered_at = EXCLUDED.entered_at, exited_at = EXCLUDED.exited_at, updated_at = now()`,
      [
        rows.map((row) => row.profileId),
        rows.map((row) => row.membership.audienceId),
        rows.map((row) => row.membership.member),
        rows.map((row) => row.membership.membershipVersion),
        rows.map((row) => row.membership.audienceVersion),
        rows.map((row) => JSON.stringify(row.membership.projected)).join('\n'),
        rows.map((row) => row.membership.enteredAt),
        rows.map((row) => row.membership.exitedAt),
      ],
    );
  }

  /** The next page of current members of an audience after `after`, in profile id order. */
  async memberPage(manager: Queryable, audienceId: string, after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ profile_id: string }> = await manager.query(
      `SELECT profile_id FROM memberships WHERE audience_id = $1 AND member AND ($2::text IS NULL OR profile_id > $2)
       ORDER BY profile_id LIMIT $3`,
      [audienceId, after, limit],
    );
    return rows.map((row) => row.profile_id);
  }

  async countMembers(manager: Queryable, audienceId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM memberships WHERE audience_id = $1 AND member`, [audienceId]);
    return row.n;
  }
}
