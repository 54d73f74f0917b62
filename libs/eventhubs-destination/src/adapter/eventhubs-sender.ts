import type { CallResult, CallSender, DeliveryCall } from '@activation/delivery';
import { redactSecrets } from '@activation/persistence';
import { classifyEventHubsError, redact } from '../client/classify-eventhubs-error';
import type { EventHubsPublisher, OutgoingEvent } from '../client/eventhubs-publisher';
import type { MessageContext } from '../message/audience-message';
import type { EventHubsMetrics } from '../metrics/eventhubs-metrics';
import type { PartnerIdMemory, RememberedIds } from '../partner-ids/partner-id-memory';
import { planMessages, type RowPlan } from './plan-messages';

export interface EventHubsSenderOptions {
  publisher: Pick<EventHubsPublisher, 'send' | 'close' | 'target'>;
  context: MessageContext;
  timeoutMs: number;
  metrics?: EventHubsMetrics;
  /** Partner ids last sent, for REMOVED rows whose event has none any more and for ids that disappeared. */
  memory?: PartnerIdMemory;
}

/**
 * Sends one subscription's calls as seed 002 messages: one per partner id of each row's profile,
 * partition key = profile id, so one profile's messages stay in order (see planMessages for ids
 * that disappeared and REMOVED rows). A row whose profile has no id for the partner number sends
 * nothing and is counted as skipped (it still counts as handled: retrying cannot give it an id).
 * A message too large for Event Hubs rejects only its row (a `partial` result); a failed send
 * rejects every row of the call with the error classified as timeout, invalid credentials or
 * other; the framework retries rejected rows.
 */
export class EventHubsSender implements CallSender {
  constructor(private readonly options: EventHubsSenderOptions) {}

  async send(call: DeliveryCall): Promise<CallResult> {
    const { publisher, context, metrics, memory } = this.options;
    const started = performance.now();
    let plans: RowPlan[];
    try {
      const profileIds = [...new Set(call.rows.map((row) => row.envelope.profileId))];
      const lastSent = memory ? await memory.recall(call.subscriptionId, context.partnerNumber, profileIds) : new Map<string, string[]>();
      plans = planMessages(call.rows, context, lastSent);
    } catch (error) {
      return { outcome: 'rejected', errorClass: 'other', reason: `reading the partner ids last sent failed: ${redact((error as Error).message)}`, latencyMs: performance.now() - started };
    }
    const syncId = String(call.subscriptionId);
    const skipped = plans.filter((plan) => plan.skipped);
    if (skipped.length > 0) metrics?.skippedRows.inc({ sync_id: syncId }, skipped.length);
    const events = plans.flatMap((plan) => plan.events);
    const tooLargeEvents = new Map<OutgoingEvent, string>();
    const tooLarge = () => rowsWithTooLargeMessages(plans, tooLargeEvents);
    const request = () => ({
      eventHub: publisher.target.eventHubName,
      namespace: publisher.target.namespace,
      skippedWithoutPartnerId: skipped.map((plan) => plan.row.primaryKey),
      removedWithIdsLastSent: plans.filter((plan) => plan.recalled).map((plan) => plan.row.primaryKey),
      ...(tooLargeEvents.size > 0 ? { tooLarge: [...tooLarge().keys()].map((plan) => plan.row.primaryKey) } : {}),
      messages: redactSecrets(events.filter((event) => !tooLargeEvents.has(event)).map((event) => event.body)),
    });
    try {
      await publisher.send(events, { timeoutMs: this.options.timeoutMs, onTooLarge: (event, error) => tooLargeEvents.set(event, error.message) });
    } catch (error) {
      const { errorClass, reason } = classifyEventHubsError(error);
      return { outcome: 'rejected', errorClass, reason, latencyMs: performance.now() - started, request: request() };
    }
    const latencyMs = performance.now() - started;
    const rejectedRows = tooLarge();
    const sent = events.length - tooLargeEvents.size;
    metrics?.messagesSent.inc({ sync_id: syncId }, sent);
    const notes = [`${sent} message(s) sent`];
    if (skipped.length > 0) notes.push(`${skipped.length} row(s) skipped: no id for partner number ${context.partnerNumber}`);
    const recalled = plans.filter((plan) => plan.recalled).length;
    if (recalled > 0) notes.push(`${recalled} REMOVED row(s) sent with the partner ids last sent`);
    const vanished = plans.reduce((count, plan) => count + plan.vanishedIds.length, 0);
    if (vanished > 0) notes.push(`${vanished} REMOVED message(s) for partner ids the profile no longer has`);
    if (rejectedRows.size > 0) notes.push(`${rejectedRows.size} row(s) rejected: a message too large for Event Hubs`);
    try {
      await memory?.record(call.subscriptionId, context.partnerNumber, ...memoryChanges(plans.filter((plan) => !rejectedRows.has(plan))));
    } catch (error) {
      // The messages are out; sending them again would only duplicate them. Said in the call log.
      notes.push(`remembering the partner ids sent failed: ${redact((error as Error).message)}`);
    }
    const response = notes.join('; ');
    if (rejectedRows.size === 0) return { outcome: 'delivered', latencyMs, request: request(), response };
    const rejected = [...rejectedRows].map(([plan, reason]) => ({ primaryKey: plan.row.primaryKey, reason }));
    if (rejected.length === call.rows.length) return { outcome: 'rejected', errorClass: 'other', reason: rejected[0].reason, latencyMs, request: request(), response };
    return { outcome: 'partial', rejected, latencyMs, request: request(), response };
  }

  close(): Promise<void> {
    return this.options.publisher.close();
  }
}

/** A row fails as a whole when any of its messages was too large; the reason is its first such message's. */
function rowsWithTooLargeMessages(plans: readonly RowPlan[], tooLargeEvents: ReadonlyMap<OutgoingEvent, string>): Map<RowPlan, string> {
  const rows = new Map<RowPlan, string>();
  for (const plan of plans) {
    const reason = plan.events.map((event) => tooLargeEvents.get(event)).find((found) => found !== undefined);
    if (reason !== undefined) rows.set(plan, reason);
  }
  return rows;
}

/** The delivered rows' memory updates, the last per profile winning: ids to keep, and profiles to forget. */
function memoryChanges(plans: readonly RowPlan[]): [RememberedIds[], string[]] {
  const latest = new Map<string, string[] | undefined>();
  for (const plan of plans) if (plan.memory) latest.set(plan.memory.profileId, plan.memory.partnerIds);
  const sent: RememberedIds[] = [];
  const forget: string[] = [];
  for (const [profileId, partnerIds] of latest) {
    if (partnerIds) sent.push({ profileId, partnerIds });
    else forget.push(profileId);
  }
  return [sent, forget];
}
