import { Writable } from 'node:stream';
import pino from 'pino';
import type { BatchHandler, MessageBus, OutgoingMessage, SubscribeOptions } from '@activation/kafka';
import { tracedBus } from './traced-bus';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

/** A bus that hands what is published straight to its one subscriber's handler. */
function loopbackBus(): MessageBus {
  let handler: BatchHandler | undefined;
  return {
    publish: async (topic: string, messages: OutgoingMessage[]) => {
      await handler?.(
        messages.map((message, index) => ({
          topic, partition: 0, offset: String(index), key: message.key, value: null, headers: message.headers ?? {}, timestamp: 0,
        })),
        { isActive: () => true, heartbeat: async () => undefined },
      );
    },
    subscribe: async (options: SubscribeOptions) => {
      handler = options.handler;
      return { stop: async () => undefined };
    },
    ensureTopics: async () => undefined,
    ping: async () => undefined,
    close: async () => undefined,
  };
}

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe('tracedBus', () => {
  it('logs each message published and consumed with the trace id of its traceparent', async () => {
    const { logger, lines } = capture('debug');
    const bus = tracedBus(loopbackBus(), logger);
    const handled: string[] = [];
    await bus.subscribe({ groupId: 'g', topics: ['t'], service: 's', handler: async (messages) => void handled.push(...messages.map((m) => m.key ?? '')) });
    await bus.publish('t', [{ key: 'p1', value: {}, headers: { traceparent: `00-${TRACE}-b7ad6b7169203331-01`, 'x-event-id': 'e1' } }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toEqual(['p1']);
    expect(lines.map((line) => [line['msg'], line['traceId'], line['eventId'], line['topic']])).toEqual([
      ['message consumed', TRACE, 'e1', 't'],
      ['message published', TRACE, 'e1', 't'],
    ]);
  });

  it('writes nothing above debug', async () => {
    const { logger, lines } = capture('info');
    const bus = tracedBus(loopbackBus(), logger);
    await bus.subscribe({ groupId: 'g', topics: ['t'], service: 's', handler: async () => undefined });
    await bus.publish('t', [{ key: 'p1', value: {}, headers: { traceparent: `00-${TRACE}-b7ad6b7169203331-01` } }]);
    expect(lines).toEqual([]);
  });
});
