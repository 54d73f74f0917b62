import type { Sender } from 'rhea';
import type { ConsumerLinkOptions } from './consumer-link';
import { parseSelectorFilter, selectorExpression, startSequenceNumber } from './event-position-filter';
import type { PartitionLog } from './event-store';

export type ConsumerRequest = ConsumerLinkOptions;

const RUNTIME_METRIC_CAPABILITY = 'com.microsoft:enable-receiver-runtime-metric-name';

/** Reads what a consumer link asks for from its attach: start position (selector filter) and capabilities. */
export function consumerStartSequence(sender: Sender, log: PartitionLog): ConsumerRequest {
  const position = parseSelectorFilter(selectorExpression(sender.source?.filter));
  const capabilities = sender.desired_capabilities;
  const desired = Array.isArray(capabilities) ? capabilities : capabilities ? [capabilities] : [];
  return {
    startSequenceNumber: startSequenceNumber(log, position),
    trackLastEnqueued: desired.map(String).includes(RUNTIME_METRIC_CAPABILITY),
  };
}
