import { Registry } from 'prom-client';
import { PermanentMessageError, type ConsumedMessage, type MessageBus, type OutgoingMessage } from '@activation/kafka';
import { DEFAULT_INGEST_LIMITS } from '../limits/ingest-limits';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { RawIntakeHandler } from './raw-intake-handler';

class RecordingBus implements Pick<MessageBus, 'publish'> {
  published: OutgoingMessage[] = [];
  async publish(_topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.published.push(...messages);
  }
}

const consumed = (value: Buffer | string | null, offset = '0'): ConsumedMessage => ({
  topic: 'raw', partition: 0, offset, key: null, headers: {}, timestamp: 1_700_000_000_000,
  value: value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value),
});

function handler() {
  const bus = new RecordingBus();
  const target = new RawIntakeHandler({ bus: bus as unknown as MessageBus, outputTopic: 'out', limits: DEFAULT_INGEST_LIMITS, metrics: new IngestMetrics(new Registry()) });
  return { bus, target };
}

describe('RawIntakeHandler', () => {
  it('publishes valid messages in order with ids stable across redelivery', async () => {
    const { bus, target } = handler();
    const batch = [
      consumed(JSON.stringify({ kind: 'profile-change', profileId: 'p1', set: { a: 1 } }), '10'),
      consumed(JSON.stringify({ kind: 'event', source: 'shop', profileId: 'p1', name: 'visit' }), '11'),
    ];
    await target.handle(batch);
    await target.handle(batch);
    const values = bus.published.map((m) => JSON.parse(String(m.value)));
    expect(values.map((v) => [v.kind, v.source, v.receivedAt])).toEqual([
      ['profile-change', 'kafka', 1_700_000_000_000], ['event', 'kafka:shop', 1_700_000_000_000],
      ['profile-change', 'kafka', 1_700_000_000_000], ['event', 'kafka:shop', 1_700_000_000_000],
    ]);
    expect(values[0].eventId).toBe(values[2].eventId);
  });

  it.each([
    ['no value', null, 'message has no value'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'not valid UTF-8'],
    ['no kind', JSON.stringify({ profileId: 'p' }), '$.kind'],
    ['bad source', JSON.stringify({ kind: 'event', source: 'a b', profileId: 'p', name: 'n' }), '$.source'],
    ['prototype pollution', '{"kind":"event","profileId":"p","name":"n","__proto__":{"x":1}}', '$.__proto__'],
  ])('dead-letters a single message with %s, with the reason', async (_name, value, reason) => {
    const { bus, target } = handler();
    const error = await target.handle([consumed(value)]).catch((e) => e);
    expect(error).toBeInstanceOf(PermanentMessageError);
    expect(error.message).toContain(reason);
    expect(bus.published).toHaveLength(0);
  });

  it('refuses a mixed batch as a whole, publishing nothing, so it is retried message by message', async () => {
    const { bus, target } = handler();
    const batch = [consumed(JSON.stringify({ kind: 'event', profileId: 'p', name: 'n' })), consumed('nope', '1')];
    await expect(target.handle(batch)).rejects.toBeInstanceOf(PermanentMessageError);
    expect(bus.published).toHaveLength(0);
  });
});
