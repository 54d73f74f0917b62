import type { FieldError } from '@activation/contracts';
import { validateSecretChanges, validateWebhookMapping, type WebhookSignature } from '@activation/configuration';

export const WEBHOOK_SECRET_NAMES = ['hmacSecret'];

/** Mapping paths, and an HMAC secret whenever signatures are required. */
export function checkWebhookSource(
  mapping: unknown,
  signature: WebhookSignature | null,
  secretChanges: Record<string, string | null> | undefined,
  storedSecretNames: string[],
): FieldError[] {
  return [
    ...validateWebhookMapping(mapping),
    ...validateSecretChanges(secretChanges, storedSecretNames, WEBHOOK_SECRET_NAMES, signature ? WEBHOOK_SECRET_NAMES : [], '$.secrets'),
  ];
}
