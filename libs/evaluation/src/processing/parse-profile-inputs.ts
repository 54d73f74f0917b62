import { findAttributePathProblem } from '@activation/audience-rules';
import { HEADERS, parseJsonBytes, validateProfileInput, type ProfileInputMessage } from '@activation/contracts';
import type { ConsumedMessage } from '@activation/kafka';

export interface ParsedInput {
  message: ProfileInputMessage;
  traceparent?: string;
}

export interface InvalidInput {
  offset: string;
  reason: string;
}

/** Decodes and validates a batch; bad messages are reported, never thrown, so the rest proceeds. */
export function parseProfileInputs(messages: readonly ConsumedMessage[]): { inputs: ParsedInput[]; invalid: InvalidInput[] } {
  const inputs: ParsedInput[] = [];
  const invalid: InvalidInput[] = [];
  for (const consumed of messages) {
    const reason = parseOne(consumed, inputs);
    if (reason) invalid.push({ offset: consumed.offset, reason });
  }
  return { inputs, invalid };
}

function parseOne(consumed: ConsumedMessage, into: ParsedInput[]): string | undefined {
  if (consumed.value === null) return 'message has no value';
  const json = parseJsonBytes(consumed.value);
  if (!json.ok) return json.error;
  const validated = validateProfileInput(json.value);
  if (!validated.ok) return validated.errors.map((error) => `${error.path}: ${error.message}`).join('; ');
  const message = validated.value;
  if (message.kind === 'profile-change') {
    for (const path of [...Object.keys(message.set ?? {}), ...(message.unset ?? [])]) {
      const problem = findAttributePathProblem(path);
      if (problem) return `attribute path ${problem}`;
    }
  }
  into.push({ message, traceparent: consumed.headers[HEADERS.traceparent] });
  return undefined;
}
