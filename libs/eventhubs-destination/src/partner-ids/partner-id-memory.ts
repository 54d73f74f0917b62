import type { DataSource } from 'typeorm';

/** A profile's partner ids as last sent to one subscription. */
export interface RememberedIds {
  profileId: string;
  partnerIds: string[];
}

/**
 * The partner ids last sent per (subscription, profile). A REMOVED whose membership event has no
 * ids for the partner any more (the profile was deleted, or its ids removed) is sent with these.
 */
export interface PartnerIdMemory {
  recall(subscriptionId: number, partnerNumber: number, profileIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Records what a delivered call sent; `forget` are profiles whose REMOVED was sent. */
  record(subscriptionId: number, partnerNumber: number, sent: readonly RememberedIds[], forget: readonly string[]): Promise<void>;
}

/** Table `eventhubs_partner_ids` (migration 1765000000000); one row per current member of a subscription. */
export class PostgresPartnerIdMemory implements PartnerIdMemory {
  constructor(private readonly dataSource: DataSource) {}

  async recall(subscriptionId: number, partnerNumber: number, profileIds: readonly string[]): Promise<Map<string, string[]>> {
    if (profileIds.length === 0) return new Map();
    const rows: Array<{ profile_id: string; partner_ids: string[] }> = await this.dataSource.query(
      `SELECT profile_id, partner_ids FROM eventhubs_partner_ids
       WHERE subscription_id = $1 AND partner_number = $2 AND profile_id = ANY($3::text[])`,
      [subscriptionId, partnerNumber, [...profileIds]],
    );
    return new Map(rows.map((row) => [row.profile_id, row.partner_ids]));
  }

  async record(subscriptionId: number, partnerNumber: number, sent: readonly RememberedIds[], forget: readonly string[]): Promise<void> {
    if (sent.length === 0 && forget.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      if (sent.length > 0) {
        await manager.query(
          `INSERT INTO eventhubs_partner_ids (subscription_id, profile_id, partner_number, partner_ids)
           SELECT $1, r.profile_id, $2, ARRAY(SELECT jsonb_array_elements_text(r.partner_ids))
           FROM jsonb_to_recordset($3::jsonb) AS r(profile_id text, partner_ids jsonb)
           ON CONFLICT (subscription_id, profile_id) DO UPDATE
             SET partner_number = EXCLUDED.partner_number, partner_ids = EXCLUDED.partner_ids, updated_at = now()`,
          [subscriptionId, partnerNumber, JSON.stringify(sent.map((entry) => ({ profile_id: entry.profileId, partner_ids: entry.partnerIds })))],
        );
      }
      if (forget.length > 0) {
        await manager.query(`DELETE FROM eventhubs_partner_ids WHERE subscription_id = $1 AND profile_id = ANY($2::text[])`, [subscriptionId, [...forget]]);
      }
    });
  }
}
