import { processBatch } from './batch-processor';
import { PermanentMessageError, ProcessingAbortedError, TransientError } from './errors';
import { silentLogger } from '../bus/logger';
import type { BatchContext, ConsumedMessage } from '../bus/message-bus';

const message = (offset: number): ConsumedMessage => ({
  topic: 't', partition: 0, offset: String(offset), key: `k${offset}`,
  value: Buffer.from(String(offset)), headers: {}, timestamp: 0,
});

const active: BatchContext = { isActive: () => true, heartbeat: async () => undefined };
const fast = { initialMs: 1, maxMs: 2 };

function run(messages: ConsumedMessage[], handler: (batch: ConsumedMessage[]) => Promise<void>, context = active) {
  const deadLetters: Array<{ offset: string; reason: string }> = [];
  const failed: Record<string, number> = {};
  const done = processBatch(messages, context, {
    handler, maxAttempts: 3, backoff: fast, logger: silentLogger,
    deadLetter: async (m, reason) => { deadLetters.push({ offset: m.offset, reason }); },
    observer: { messagesFailed: (topic, reason, count) => { failed[`${topic}/${reason}`] = (failed[`${topic}/${reason}`] ?? 0) + count; } },
  });
  return { done, deadLetters, failed };
}

describe('processBatch', () => {
  it('handles a healthy batch in one call', async () => {
    const calls: number[] = [];
    const { done, deadLetters } = run([message(0), message(1)], async (batch) => { calls.push(batch.length); });
    await done;
    expect(calls).toEqual([2]);
    expect(deadLetters).toEqual([]);
  });

  it('isolates a poison message after the retry limit and handles the rest in order', async () => {
    const handled: string[] = [];
    const { done, deadLetters } = run([message(0), message(1), message(2)], async (batch) => {
      if (batch.some((m) => m.offset === '1')) throw new Error('boom');
      handled.push(...batch.map((m) => m.offset));
    });
    await done;
    expect(handled).toEqual(['0', '2']);
    expect(deadLetters).toEqual([{ offset: '1', reason: 'Error: boom' }]);
  });

  it('dead-letters a permanently bad message without retrying it alone', async () => {
    let aloneAttempts = 0;
    const { done, deadLetters } = run([message(5)], async () => {
      aloneAttempts += 1;
      throw new PermanentMessageError('not JSON');
    });
    await done;
    expect(aloneAttempts).toBe(1);
    expect(deadLetters[0].reason).toContain('not JSON');
  });

  it('retries transient failures beyond the attempt limit without dead-lettering', async () => {
    let calls = 0;
    const { done, deadLetters } = run([message(0)], async () => {
      calls += 1;
      if (calls < 6) throw new TransientError('database down');
    });
    await done;
    expect(calls).toBe(6);
    expect(deadLetters).toEqual([]);
  });

  it('aborts without dead-lettering when the partition is revoked', async () => {
    let alive = true;
    const context: BatchContext = { isActive: () => alive, heartbeat: async () => undefined };
    const { done, deadLetters } = run([message(0)], async () => { alive = false; throw new Error('x'); }, context);
    await expect(done).rejects.toBeInstanceOf(ProcessingAbortedError);
    expect(deadLetters).toEqual([]);
  });

  it('reports failed messages by reason: handler errors per attempt, invalid messages, transient failures', async () => {
    const poison = run([message(0), message(1)], async (batch) => {
      if (batch.some((m) => m.offset === '1')) throw new Error('boom');
    });
    await poison.done;
    // Three attempts of the whole batch (2 messages each), then three of the poison message alone.
    expect(poison.failed).toEqual({ 't/handler-error': 9 });

    const invalid = run([message(0)], async () => { throw new PermanentMessageError('not a profile'); });
    await invalid.done;
    expect(invalid.failed).toEqual({ 't/invalid': 1 });

    let calls = 0;
    const transient = run([message(0)], async () => { if (++calls <= 4) throw new TransientError('db down'); });
    await transient.done;
    expect(transient.failed).toEqual({ 't/transient': 4 });
  });
});
