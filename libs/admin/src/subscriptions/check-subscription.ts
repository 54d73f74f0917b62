import type { FieldError } from '@activation/contracts';
import {
  EMPTY_PROJECTION, normalizeProjection, validateProjection, validateSubscriptionSettings,
  type AudienceEntity, type DestinationEntity, type SubscriptionProjection,
} from '@activation/configuration';

/**
 * The rules a subscription must follow whatever the route: settings of its destination's
 * kind, and a projection within its audience's projected variables.
 */
export function checkSubscription(
  audience: AudienceEntity,
  destination: DestinationEntity,
  settings: unknown,
  projection: unknown,
): { errors: FieldError[]; projection: Required<SubscriptionProjection> } {
  const errors = [
    ...validateSubscriptionSettings(destination.kind, settings ?? {}),
    ...validateProjection(projection ?? EMPTY_PROJECTION, audience.projectedVariables),
  ];
  return { errors, projection: normalizeProjection((projection ?? EMPTY_PROJECTION) as SubscriptionProjection) };
}
