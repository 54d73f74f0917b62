import type { CallResult, CallSender, DeliveryCall, QueuedRow } from '@activation/delivery';
import { redactSecrets } from '@activation/persistence';
import { classifyEventHubsError, redact } from '../client/classify-eventhubs-error';
import type { EventHubsPublisher, OutgoingEvent } from '../client/eventhubs-publisher';
import { audienceMessages, partnerIdsOf, type MessageContext } from '../message/audience-message';
import type { EventHubsMetrics } from '../metrics/eventhubs-metrics';
import type { PartnerIdMemory, RememberedIds } from '../partner-ids/partner-id-memory';

export interface EventHubsSenderOptions {
  publisher: Pick<EventHubsPublisher, 'send' | 'close' | 'target'>;
  context: MessageContext;
  timeoutMs: number;
  metrics?: EventHubsMetrics;
  /** Partner ids last sent, for REMOVED rows whose event has none any more. */
  memory?: PartnerIdMemory;
}

interface Plan {
  events: OutgoingEvent[];
  skipped: string[];
  recalled: string[];
  sent: RememberedIds[];
  forget: string[];
}

/**
 * Sends one subscription's calls as seed 002 messages: one per partner id of each row's profile,
 * partition key = profile id, so one profile's messages stay in order. A row whose profile has
 * no id for the partner number sends nothing and is counted as skipped (it still counts as
 * handled: retrying cannot give it an id) — except a REMOVED, which is sent with the ids last
 * sent to this subscription when there were any. A failed send rejects every row of the call
 * with the error classified as timeout, invalid credentials or other; the framework retries it.
 */
export class EventHubsSender implements CallSender {
  constructor(private readonly options: EventHubsSenderOptions) {}

  async send(call: DeliveryCall): Promise<CallResult> {
    const { publisher, context, metrics, memory } = this.options;
    const started = performance.now();
    let plan: Plan;
    try {
      plan = await this.plan(call);
    } catch (error) {
      return { outcome: 'rejected', errorClass: 'other', reason: `reading the partner ids last sent failed: ${redact((error as Error).message)}`, latencyMs: performance.now() - started };
    }
    const syncId = String(call.subscriptionId);
    if (plan.skipped.length > 0) metrics?.skippedRows.inc({ sync_id: syncId }, plan.skipped.length);
    const request = {
      eventHub: publisher.target.eventHubName,
      namespace: publisher.target.namespace,
      skippedWithoutPartnerId: plan.skipped,
      removedWithIdsLastSent: plan.recalled,
      messages: redactSecrets(plan.events.map((event) => event.body)),
    };
    try {
      await publisher.send(plan.events, { timeoutMs: this.options.timeoutMs });
    } catch (error) {
      const { errorClass, reason } = classifyEventHubsError(error);
      return { outcome: 'rejected', errorClass, reason, latencyMs: performance.now() - started, request };
    }
    const latencyMs = performance.now() - started;
    metrics?.messagesSent.inc({ sync_id: syncId }, plan.events.length);
    const notes = [`${plan.events.length} message(s) sent`];
    if (plan.skipped.length > 0) notes.push(`${plan.skipped.length} row(s) skipped: no id for partner number ${context.partnerNumber}`);
    if (plan.recalled.length > 0) notes.push(`${plan.recalled.length} REMOVED row(s) sent with the partner ids last sent`);
    try {
      await memory?.record(call.subscriptionId, context.partnerNumber, plan.sent, plan.forget);
    } catch (error) {
      // The messages are out; sending them again would only duplicate them. Said in the call log.
      notes.push(`remembering the partner ids sent failed: ${redact((error as Error).message)}`);
    }
    return { outcome: 'delivered', latencyMs, request, response: notes.join('; ') };
  }

  close(): Promise<void> {
    return this.options.publisher.close();
  }

  private async plan(call: DeliveryCall): Promise<Plan> {
    const { context, memory } = this.options;
    const idsOf = (row: QueuedRow) => partnerIdsOf(row.envelope.identifiers, context.partnerNumber);
    const orphans = call.rows.filter((row) => row.callType === 'REMOVED' && idsOf(row).length === 0).map((row) => row.envelope.profileId);
    const remembered = memory && orphans.length > 0 ? await memory.recall(call.subscriptionId, context.partnerNumber, orphans) : new Map<string, string[]>();
    const plan: Plan = { events: [], skipped: [], recalled: [], sent: [], forget: [] };
    for (const row of call.rows) {
      const profileId = row.envelope.profileId;
      let ids = idsOf(row);
      const lastSent = remembered.get(profileId);
      if (ids.length === 0 && row.callType === 'REMOVED' && lastSent) {
        ids = lastSent;
        plan.recalled.push(row.primaryKey);
      }
      if (row.callType === 'REMOVED') plan.forget.push(profileId);
      else if (ids.length > 0) plan.sent.push({ profileId, partnerIds: ids });
      if (ids.length === 0) plan.skipped.push(row.primaryKey);
      for (const message of audienceMessages(row, context, ids)) plan.events.push({ body: message, partitionKey: message.profileId });
    }
    return plan;
  }
}
