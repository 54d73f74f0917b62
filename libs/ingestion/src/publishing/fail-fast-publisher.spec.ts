import type { BusLogger, MessageBus, OutgoingMessage } from '@activation/kafka';
import { silentLogger } from '@activation/kafka';
import { chunkByBytes } from './chunk-by-bytes';
import { FailFastPublisher } from './fail-fast-publisher';
import { PublishUnavailableError } from './publish-unavailable.error';

/** A MessageBus that records publishes and can be told to hang or fail (no broker involved). */
class ScriptedBus implements MessageBus {
  static published: OutgoingMessage[][] = [];
  static mode: 'ok' | 'hang' | 'fail' = 'ok';
  static created = 0;
  closed = false;

  constructor() {
    ScriptedBus.created += 1;
  }

  async publish(_topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (ScriptedBus.mode === 'hang') return new Promise(() => undefined);
    if (ScriptedBus.mode === 'fail') throw new Error('broker down');
    await new Promise((resolve) => setTimeout(resolve, 5));
    ScriptedBus.published.push(messages);
  }
  subscribe(): never {
    throw new Error('not used');
  }
  ensureTopics(): Promise<void> {
    return Promise.resolve();
  }
  ping(): Promise<void> {
    return Promise.resolve();
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const message = (key: string, bytes = 10): OutgoingMessage => ({ key, value: Buffer.alloc(bytes, 97) });

describe('FailFastPublisher', () => {
  beforeEach(() => {
    ScriptedBus.published = [];
    ScriptedBus.mode = 'ok';
    ScriptedBus.created = 0;
  });

  const publisher = (cooldownMs = 200, logger: BusLogger = silentLogger) =>
    new FailFastPublisher({ topic: 't', createBus: () => new ScriptedBus(), timeoutMs: 100, cooldownMs, logger });

  it('coalesces concurrent publishes into ordered produce requests', async () => {
    const target = publisher();
    await Promise.all(['a', 'b', 'c', 'd'].map((key) => target.publish([message(key)])));
    const keys = ScriptedBus.published.flat().map((m) => m.key);
    expect(keys).toEqual(['a', 'b', 'c', 'd']);
    expect(ScriptedBus.published.length).toBeLessThan(4);
  });

  it('fails within the timeout, then fails at once during the cool-down, then recovers', async () => {
    const target = publisher(300);
    ScriptedBus.mode = 'hang';
    const started = Date.now();
    await expect(target.publish([message('a')])).rejects.toBeInstanceOf(PublishUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ScriptedBus.created).toBe(2);
    ScriptedBus.mode = 'ok';
    const refused = await target.publish([message('b')]).catch((error) => error);
    expect(refused).toBeInstanceOf(PublishUnavailableError);
    expect((refused as PublishUnavailableError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await target.publish([message('c')]);
    expect(ScriptedBus.published.flat().map((m) => m.key)).toEqual(['c']);
  });

  it('says "the message log", not a transport, in the error and the log line (the platform may run on the embedded log)', async () => {
    const warnings: Array<{ context: object; message: string }> = [];
    const target = publisher(200, { ...silentLogger, warn: (context, message) => void warnings.push({ context, message }) });
    ScriptedBus.mode = 'hang';
    const refused = (await target.publish([message('a')]).catch((error) => error)) as PublishUnavailableError;
    expect(refused.message).toBe('The message log is unavailable; nothing was accepted');
    expect(warnings).toEqual([expect.objectContaining({ context: expect.objectContaining({ reason: 'the message log did not acknowledge within 100 ms' }) })]);
    expect(JSON.stringify(warnings)).not.toMatch(/kafka/i);
  });

  it('rejects every waiting caller when the shared request fails', async () => {
    const target = publisher();
    ScriptedBus.mode = 'fail';
    const results = await Promise.allSettled([target.publish([message('a')]), target.publish([message('b')])]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof PublishUnavailableError)).toBe(true);
  });
});

describe('chunkByBytes', () => {
  it('keeps order and bounds the bytes of each chunk', () => {
    const chunks = chunkByBytes([message('a', 40), message('b', 40), message('c', 40), message('d', 200)], 100);
    expect(chunks.map((chunk) => chunk.map((m) => m.key).join(''))).toEqual(['ab', 'c', 'd']);
  });
});
