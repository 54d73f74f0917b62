import type { ConsumedMessage, DeadLetter, DeadLetterRecorder, MessageBus, Subscription } from '@activation/kafka';
import { uniqueGroup, waitFor } from '@activation/testing';

export interface ConformanceBusOptions {
  deadLetters?: DeadLetterRecorder;
}

/**
 * What an implementation provides to run the suite. Each bus stands for a separate service
 * instance (its own connections). Retry backoff should be short (tens of milliseconds), so the
 * retry cases stay fast; the suite passes its attempt limits per subscription.
 */
export interface ConformanceEnvironment {
  createBus(name: string, options?: ConformanceBusOptions): Promise<MessageBus>;
  dispose(): Promise<void>;
}

export type ConformanceFactory = () => Promise<ConformanceEnvironment>;

export const WAIT_MS = 30_000;

/** Dead letters kept in memory, so the suite checks the recorder call without any table. */
export class MemoryDeadLetterRecorder implements DeadLetterRecorder {
  readonly letters: DeadLetter[] = [];

  async record(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
  }
}

export interface Collector {
  messages: ConsumedMessage[];
  subscription: Subscription;
}

/** Subscribes a group that just records what it receives. */
export async function collect(
  bus: MessageBus,
  topic: string,
  options: { groupId?: string; fromBeginning?: boolean } = {},
): Promise<Collector> {
  const messages: ConsumedMessage[] = [];
  const subscription = await bus.subscribe({
    groupId: options.groupId ?? uniqueGroup('collect'),
    topics: [topic],
    service: 'conformance',
    fromBeginning: options.fromBeginning,
    handler: async (batch) => {
      messages.push(...batch);
    },
  });
  return { messages, subscription };
}

export function text(message: ConsumedMessage): string {
  return message.value ? message.value.toString('utf8') : '';
}

export function json<T = Record<string, unknown>>(message: ConsumedMessage): T {
  return JSON.parse(text(message)) as T;
}

export async function waitForCount(messages: ConsumedMessage[], count: number, what: string): Promise<void> {
  await waitFor(async () => messages.length >= count, WAIT_MS, `${count} ${what}`);
}
