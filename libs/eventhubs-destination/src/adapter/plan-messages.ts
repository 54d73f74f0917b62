import type { QueuedRow } from '@activation/delivery';
import type { OutgoingEvent } from '../client/eventhubs-publisher';
import { audienceMessages, partnerIdsOf, type MessageContext } from '../message/audience-message';

/** What the partner-id memory should hold for a profile once its row was delivered: its ids, or nothing. */
export interface MemoryUpdate {
  profileId: string;
  /** Undefined: forget the profile (it left, or has no id any more). */
  partnerIds?: string[];
}

/** One row's share of a call: its messages and what to remember once it was delivered. */
export interface RowPlan {
  row: QueuedRow;
  events: OutgoingEvent[];
  /** No id for the partner number, now or last sent: nothing is sent for it. */
  skipped: boolean;
  /** A REMOVED without ids in its event, sent with the ids last sent. */
  recalled: boolean;
  /** Ids last sent that the profile no longer has: a REMOVED goes out for each. */
  vanishedIds: string[];
  memory?: MemoryUpdate;
}

/**
 * The seed 002 messages of a call's rows, given the partner ids last sent per profile. A profile
 * is a member under each of its partner ids, so an id that disappeared since it was last sent
 * ends that membership: a REMOVED message goes out for it (before the row's own messages), and a
 * REMOVED row is sent for the ids of its event and the ids last sent. Rows of one profile in one
 * call see the ids the previous row sent.
 */
export function planMessages(rows: readonly QueuedRow[], context: MessageContext, lastSent: ReadonlyMap<string, readonly string[]>): RowPlan[] {
  const remembered = new Map(lastSent);
  return rows.map((row) => {
    const { profileId } = row.envelope;
    const current = partnerIdsOf(row.envelope.identifiers, context.partnerNumber);
    const previous = remembered.get(profileId) ?? [];
    const vanishedIds = previous.filter((id) => !current.includes(id));
    const plan: RowPlan = { row, events: [], skipped: false, recalled: false, vanishedIds: [] };
    if (row.callType === 'REMOVED') {
      const ids = [...current, ...vanishedIds];
      plan.recalled = current.length === 0 && vanishedIds.length > 0;
      plan.events = toEvents(audienceMessages(row, context, ids));
      plan.skipped = ids.length === 0;
      plan.memory = { profileId };
      remembered.delete(profileId);
      return plan;
    }
    plan.vanishedIds = vanishedIds;
    plan.events = [...toEvents(audienceMessages({ ...row, callType: 'REMOVED' }, context, vanishedIds)), ...toEvents(audienceMessages(row, context, current))];
    plan.skipped = plan.events.length === 0;
    if (current.length > 0) {
      plan.memory = { profileId, partnerIds: current };
      remembered.set(profileId, current);
    } else if (previous.length > 0) {
      plan.memory = { profileId };
      remembered.delete(profileId);
    }
    return plan;
  });
}

function toEvents(messages: ReturnType<typeof audienceMessages>): OutgoingEvent[] {
  return messages.map((message) => ({ body: message, partitionKey: message.profileId }));
}
