import type { Actor, ApiKeyPrincipal } from '@activation/configuration';

export function actorOf(principal: ApiKeyPrincipal): Actor {
  return { keyId: principal.id, label: `api-key:${principal.name}` };
}
