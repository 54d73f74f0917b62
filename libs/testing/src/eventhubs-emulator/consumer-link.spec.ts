import { EventEmitter } from 'node:events';
import type { Message, Sender } from 'rhea';
import { serveConsumerLink } from './consumer-link';
import { PartitionLog } from './event-store';

/** A sender link reduced to what the pump uses: credit, send, close state and the sendable event. */
class CreditedLink extends EventEmitter {
  credit = 0;
  closed = false;
  readonly sent: Message[] = [];
  drained = false;
  sendable = (): boolean => this.credit > 0;
  set_drained = (drained: boolean): void => {
    this.drained = drained;
  };
  is_closed = (): boolean => this.closed;
  send = (message: Message): void => {
    if (this.credit <= 0) throw new Error('sent without credit');
    this.credit -= 1;
    this.sent.push(message);
  };
  grant(credit: number): void {
    this.credit += credit;
    this.emit('sendable');
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function append(log: PartitionLog, ...bodies: string[]): void {
  log.append(bodies.map((body) => ({ message: { body }, size: 10 })), 'key-1', new Date(5_000));
}

describe('serveConsumerLink', () => {
  it('sends stored then live events, never beyond the credit granted', async () => {
    const log = new PartitionLog('3');
    append(log, 'a', 'b', 'c');
    const link = new CreditedLink();
    const stop = serveConsumerLink(link as unknown as Sender, log, { startSequenceNumber: 1, trackLastEnqueued: false });
    await tick();
    expect(link.sent).toHaveLength(0);

    link.grant(1);
    expect(link.sent.map((message) => message.body)).toEqual(['b']);
    link.grant(5);
    append(log, 'd');
    expect(link.sent.map((message) => message.body)).toEqual(['b', 'c', 'd']);
    expect(link.credit).toBe(3);

    stop();
    append(log, 'e');
    expect(link.sent).toHaveLength(3);
  });

  it('annotates each event with its sequence number, offset, enqueued time and partition key', async () => {
    const log = new PartitionLog('0');
    append(log, 'a', 'b');
    const link = new CreditedLink();
    serveConsumerLink(link as unknown as Sender, log, { startSequenceNumber: 0, trackLastEnqueued: true });
    link.grant(2);
    const second = link.sent[1];
    expect(second.message_annotations).toMatchObject({ 'x-opt-offset': '10', 'x-opt-enqueued-time': new Date(5_000), 'x-opt-partition-key': 'key-1' });
    expect(second.message_annotations?.['x-opt-sequence-number']).toMatchObject({ value: expect.anything() });
    expect(second.delivery_annotations).toMatchObject({ last_enqueued_offset: '10' });
  });

  it('jumps over events expired while the consumer was behind', async () => {
    const log = new PartitionLog('0');
    append(log, 'a', 'b');
    const link = new CreditedLink();
    serveConsumerLink(link as unknown as Sender, log, { startSequenceNumber: 0, trackLastEnqueued: false });
    log.clear();
    append(log, 'c');
    link.grant(5);
    expect(link.sent.map((message) => message.body)).toEqual(['c']);
  });

  it('hands back unused credit when the consumer drains', async () => {
    const log = new PartitionLog('0');
    append(log, 'a');
    const link = new CreditedLink();
    serveConsumerLink(link as unknown as Sender, log, { startSequenceNumber: 0, trackLastEnqueued: false });
    link.credit = 3;
    link.emit('sender_draining');
    expect(link.sent.map((message) => message.body)).toEqual(['a']);
    expect(link.drained).toBe(true);
  });
});
