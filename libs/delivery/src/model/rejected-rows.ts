import type { CallResult, DeliveryCall } from './delivery-adapter';

/**
 * True when a `partial` answer rejected every row of its call. Such a call delivered nothing, so
 * the subscription's status counts it as a failure, like a rejected call. The sync-failing alert
 * applies the same rule in SQL (libs/alerts, FactsRepository.failingSince): change both together.
 */
export function everyRowRejected(call: Pick<DeliveryCall, 'rows'>, result: CallResult): boolean {
  if (result.outcome !== 'partial' || call.rows.length === 0) return false;
  const rejected = new Set(result.rejected.map((row) => row.primaryKey));
  return call.rows.every((row) => rejected.has(row.primaryKey));
}
