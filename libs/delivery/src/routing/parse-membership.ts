import { MembershipEventMessage, parseJsonBytes, validateMessage } from '@activation/contracts';
import type { ConsumedMessage } from '@activation/kafka';

export type ParsedMembership = { ok: true; message: MembershipEventMessage } | { ok: false; reason: string };

/** Reads and validates one membership message; an invalid one is reported, never thrown. */
export function parseMembership(consumed: ConsumedMessage): ParsedMembership {
  const json = parseJsonBytes(consumed.value ?? Buffer.alloc(0));
  if (!json.ok) return { ok: false, reason: 'value is not JSON' };
  const result = validateMessage(MembershipEventMessage, json.value);
  if (!result.ok) return { ok: false, reason: result.errors.map((error) => `${error.path}: ${error.message}`).join('; ') };
  return { ok: true, message: result.value };
}
