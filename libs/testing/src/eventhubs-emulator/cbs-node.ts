import type { Message } from 'rhea';
import type { ConnectionGrants } from './connection-grants';
import type { EmulatedKey } from './emulator-options';
import { unauthorized, type NodeReply } from './request-reply';
import { pathCovers, resourcePath, verifySasToken } from './sas-token';

const SAS_TOKEN_TYPE = 'servicebus.windows.net:sastoken';

/**
 * `$cbs` put-token: the token must carry a valid signature of a configured key, must not have expired and
 * must grant the audience it is presented for. A refusal is 401, which the SDK raises as UnauthorizedError.
 */
export function handleCbsRequest(request: Message, keys: EmulatedKey[], grants: ConnectionGrants, nowMs: number): NodeReply {
  const properties = request.application_properties ?? {};
  if (properties['operation'] !== 'put-token') {
    return { statusCode: 400, description: `unsupported $cbs operation ${String(properties['operation'])}`, condition: 'amqp:not-implemented' };
  }
  if (properties['type'] !== SAS_TOKEN_TYPE) {
    return unauthorized(`only ${SAS_TOKEN_TYPE} tokens are accepted (no Microsoft Entra ID in the emulator)`);
  }
  const audience = properties['name'];
  if (typeof audience !== 'string' || audience.length === 0) return unauthorized('put-token without an audience name');
  const check = verifySasToken(request.body, keys, nowMs);
  if (!check.valid) return unauthorized(check.reason);
  const audiencePath = resourcePath(audience);
  if (!pathCovers(check.resourcePath, audiencePath)) {
    return unauthorized(`InvalidAudience: The token does not grant access to '${audience}'.`);
  }
  grants.grant(audiencePath, check.expiresAtMs);
  return { statusCode: 202, description: 'Accepted' };
}
