import { resourcePath } from './sas-token';

/** What a link's address names in an Event Hubs namespace. */
export type EntityAddress =
  | { kind: 'cbs' }
  | { kind: 'management' }
  | { kind: 'hub'; hub: string }
  | { kind: 'partition'; hub: string; partitionId: string }
  | { kind: 'consumer'; hub: string; consumerGroup: string; partitionId: string };

/**
 * Parses `$cbs`, `$management`, `<hub>/$management`, `<hub>`, `<hub>/Partitions/<id>` and
 * `<hub>/ConsumerGroups/<group>/Partitions/<id>` (also as full `amqps://host/...` URIs).
 * Returns undefined for anything else.
 */
export function parseEntityAddress(address: unknown): EntityAddress | undefined {
  if (typeof address !== 'string' || address.length === 0) return undefined;
  const segments = address
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .split('/')
    .filter((segment) => segment.length > 0);
  const lower = segments.map((segment) => segment.toLowerCase());
  if (segments.length === 1 && lower[0] === '$cbs') return { kind: 'cbs' };
  if (lower[lower.length - 1] === '$management' && segments.length <= 2) return { kind: 'management' };
  if (segments.length === 1) return { kind: 'hub', hub: segments[0] };
  if (segments.length === 3 && lower[1] === 'partitions') {
    return { kind: 'partition', hub: segments[0], partitionId: segments[2] };
  }
  if (segments.length === 5 && lower[1] === 'consumergroups' && lower[3] === 'partitions') {
    return { kind: 'consumer', hub: segments[0], consumerGroup: segments[2], partitionId: segments[4] };
  }
  return undefined;
}

/** The lower-cased entity path a SAS token must cover for a link to this address. */
export function entityPath(address: EntityAddress): string {
  switch (address.kind) {
    case 'cbs':
      return '$cbs';
    case 'management':
      return '$management';
    case 'hub':
      return resourcePath(address.hub);
    case 'partition':
      return resourcePath(`${address.hub}/partitions/${address.partitionId}`);
    case 'consumer':
      return resourcePath(`${address.hub}/consumergroups/${address.consumerGroup}/partitions/${address.partitionId}`);
  }
}
