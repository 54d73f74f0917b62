import type { Message } from 'rhea';
import { types } from 'rhea';
import type { ConnectionGrants } from './connection-grants';
import type { EmulatedKey } from './emulator-options';
import type { EmulatedEventHub, EventStore } from './event-store';
import { unauthorized, type NodeReply } from './request-reply';
import { pathCovers, resourcePath, verifySasToken } from './sas-token';

/**
 * `$management` READ of hub (`com.microsoft:eventhub`) and partition (`com.microsoft:partition`) runtime
 * information, with the field names the SDK reads. The request's `security_token` (or a claim the
 * connection proved through `$cbs`) must grant the hub.
 */
export function handleManagementRequest(
  request: Message,
  store: EventStore,
  keys: EmulatedKey[],
  grants: ConnectionGrants,
  nowMs: number,
): NodeReply {
  const properties = request.application_properties ?? {};
  const hubName = properties['name'];
  if (properties['operation'] !== 'READ') {
    return { statusCode: 501, description: `unsupported operation ${String(properties['operation'])}`, condition: 'amqp:not-implemented' };
  }
  if (typeof hubName !== 'string') return { statusCode: 400, description: 'READ without a name', condition: 'com.microsoft:argument-error' };
  const refusal = authorize(properties['security_token'], resourcePath(hubName), keys, grants, nowMs);
  if (refusal) return refusal;
  const hub = store.hub(hubName);
  if (!hub) {
    return { statusCode: 404, description: `The messaging entity '${hubName}' could not be found.`, condition: 'amqp:not-found' };
  }
  switch (properties['type']) {
    case 'com.microsoft:eventhub':
      return ok(hubProperties(hub));
    case 'com.microsoft:partition':
      return partitionProperties(hub, String(properties['partition']));
    default:
      return { statusCode: 400, description: `unsupported type ${String(properties['type'])}`, condition: 'com.microsoft:argument-error' };
  }
}

function authorize(token: unknown, hubPath: string, keys: EmulatedKey[], grants: ConnectionGrants, nowMs: number): NodeReply | undefined {
  if (token === undefined || token === null) {
    return grants.covers(`${hubPath}/$management`, nowMs) ? undefined : unauthorized('Unauthorized access: no valid token for this event hub.');
  }
  const check = verifySasToken(token, keys, nowMs);
  if (!check.valid) return unauthorized(check.reason);
  return pathCovers(check.resourcePath, hubPath) ? undefined : unauthorized('InvalidAudience: The token does not grant access to this event hub.');
}

function hubProperties(hub: EmulatedEventHub): Record<string, unknown> {
  return {
    name: hub.name,
    type: 'com.microsoft:eventhub',
    created_at: hub.createdAt,
    partition_count: hub.partitions.length,
    partition_ids: hub.partitionIds,
    georeplication_factor: 1,
  };
}

function partitionProperties(hub: EmulatedEventHub, partitionId: string): NodeReply {
  const partition = hub.partition(partitionId);
  if (!partition) {
    return {
      statusCode: 400,
      description: `The specified partition is invalid for an EventHub partition sender or receiver. It should be between 0 and ${hub.partitions.length - 1}.`,
      condition: 'com.microsoft:argument-out-of-range',
    };
  }
  const last = partition.last();
  return ok({
    name: hub.name,
    type: 'com.microsoft:partition',
    partition: partition.partitionId,
    begin_sequence_number: types.wrap_long(partition.beginSequenceNumber),
    last_enqueued_sequence_number: types.wrap_long(partition.nextSequence - 1),
    last_enqueued_offset: last ? String(last.offset) : '-1',
    last_enqueued_time_utc: last ? last.enqueuedTime : new Date(0),
    is_partition_empty: last === undefined,
  });
}

const ok = (body: Record<string, unknown>): NodeReply => ({ statusCode: 200, description: 'OK', body });
