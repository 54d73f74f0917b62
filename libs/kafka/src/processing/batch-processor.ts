import { backoffDelay, sleep, type BackoffPolicy } from './backoff';
import { classifyError, describeError, ProcessingAbortedError } from './errors';
import type { BusObserver, FailureReason } from '../bus/bus-observer';
import type { BatchContext, BatchHandler, ConsumedMessage } from '../bus/message-bus';
import type { BusLogger } from '../bus/logger';
import { traceIdOf } from '../bus/trace-context';

export interface BatchProcessorOptions {
  handler: BatchHandler;
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Sends one message to its dead-letter topic and table; must succeed before the offset moves on. */
  deadLetter: (message: ConsumedMessage, reason: string) => Promise<void>;
  logger: BusLogger;
  observer?: Pick<BusObserver, 'messagesFailed'>;
}

const FAILURE_REASONS: Record<ReturnType<typeof classifyError>, FailureReason> = {
  permanent: 'invalid',
  handler: 'handler-error',
  transient: 'transient',
};

/**
 * Processes one partition's batch so that it either completes (every message handled or
 * dead-lettered, in order) or throws ProcessingAbortedError (nothing may be committed).
 *
 * The whole batch is tried first, for throughput. When it keeps failing, messages are handled
 * one at a time so a poison message is isolated, dead-lettered with its reason, and the rest
 * of the partition continues. Transient errors are retried until the dependency is back.
 */
export async function processBatch(
  messages: ConsumedMessage[],
  context: BatchContext,
  options: BatchProcessorOptions,
): Promise<void> {
  if (messages.length === 0) return;
  const outcome = await attempt(messages, context, options);
  if (outcome.ok) return;
  if (messages.length === 1) {
    await options.deadLetter(messages[0], outcome.reason);
    return;
  }
  for (const message of messages) {
    const single = await attempt([message], context, options);
    if (!single.ok) await options.deadLetter(message, single.reason);
  }
}

async function attempt(
  messages: ConsumedMessage[],
  context: BatchContext,
  options: BatchProcessorOptions,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let failures = 0;
  let transientFailures = 0;
  for (;;) {
    if (!context.isActive()) throw new ProcessingAbortedError();
    try {
      await options.handler(messages, context);
      return { ok: true };
    } catch (error) {
      if (error instanceof ProcessingAbortedError) throw error;
      const kind = classifyError(error);
      const reason = describeError(error);
      const first = messages[0];
      const traceId = messages.length === 1 ? traceIdOf(first.headers['traceparent']) : undefined;
      const where = { topic: first.topic, partition: first.partition, offset: first.offset, size: messages.length, ...(traceId ? { traceId } : {}) };
      options.observer?.messagesFailed?.(first.topic, FAILURE_REASONS[kind], messages.length);
      if (kind === 'permanent' && messages.length === 1) return { ok: false, reason };
      if (kind === 'transient') {
        transientFailures += 1;
        options.logger.warn({ ...where, reason, attempt: transientFailures }, 'transient failure, retrying');
        await pause(backoffDelay(transientFailures, options.backoff), context);
        continue;
      }
      failures += 1;
      if (kind === 'permanent' || failures >= options.maxAttempts) return { ok: false, reason };
      options.logger.warn({ ...where, reason, attempt: failures }, 'handler failed, retrying');
      await pause(backoffDelay(failures, options.backoff), context);
    }
  }
}

/** Waits in short steps, heartbeating, so a long backoff neither loses the group nor delays shutdown. */
async function pause(ms: number, context: BatchContext): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!context.isActive()) throw new ProcessingAbortedError();
    await sleep(Math.min(500, deadline - Date.now()));
    await context.heartbeat().catch(() => undefined);
  }
}
