import type { ParsedInput } from './parse-profile-inputs';

/**
 * Splits a batch into parts of about `size` inputs that share no profile, each profile's inputs
 * kept together and in order, so the parts can be committed and published one after another.
 */
export function splitByProfile(inputs: readonly ParsedInput[], size: number): ParsedInput[][] {
  if (inputs.length === 0) return [];
  if (inputs.length <= size) return [[...inputs]];
  const byProfile = new Map<string, ParsedInput[]>();
  for (const input of inputs) {
    const list = byProfile.get(input.message.profileId);
    if (list) list.push(input);
    else byProfile.set(input.message.profileId, [input]);
  }
  const parts: ParsedInput[][] = [];
  let part: ParsedInput[] = [];
  for (const list of byProfile.values()) {
    part.push(...list);
    if (part.length >= size) {
      parts.push(part);
      part = [];
    }
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
