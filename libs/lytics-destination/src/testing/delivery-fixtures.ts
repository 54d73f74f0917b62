import type { DeliveryCall, DeliverySubscription, QueuedRow } from '@activation/delivery';
import type { DocumentRow } from '../document/document-row';

let nextRowId = 1;

/** A queued row carrying a document row, as a dispatcher would read it. */
export function queued(row: DocumentRow, subscriptionId: number): QueuedRow {
  return {
    ...row,
    id: String(nextRowId++),
    subscriptionId,
    primaryKey: row.envelope.profileId,
    membershipVersion: 1,
    origin: 'stream',
    replayId: null,
    eventTime: row.envelope.timestamp,
    stagedAt: row.envelope.timestamp,
    attempts: 0,
    runAttempts: 0,
    lastRunId: null,
    deferred: false,
    firstFailedAt: null,
  };
}

export function call(subscriptionId: number, rows: QueuedRow[]): DeliveryCall {
  return { callId: `call-${nextRowId++}`, subscriptionId, runId: 1, callType: rows[0].callType, rows, retry: false };
}

export function lyticsSubscription(
  id: number,
  destination: { id: string; connectionString: string; settings?: Record<string, unknown> },
  overrides: Partial<DeliverySubscription> = {},
): DeliverySubscription {
  return {
    id,
    name: `subscription ${id}`,
    audienceId: `audience-${id}`,
    enabled: true,
    initialSync: 'future-only',
    projection: { fields: ['email'], rename: {}, hash: [] },
    settings: {},
    destination: {
      id: destination.id, name: destination.id, kind: 'lytics-eventhubs', enabled: true, settings: destination.settings ?? {},
      secrets: () => ({ connectionString: destination.connectionString }), updatedAt: 1,
    },
    version: '1',
    ...overrides,
  };
}
