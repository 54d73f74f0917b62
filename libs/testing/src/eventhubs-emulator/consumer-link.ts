import type { Sender } from 'rhea';
import { toConsumerMessage } from './event-codec';
import type { PartitionLog } from './event-store';

export interface ConsumerLinkOptions {
  startSequenceNumber: number;
  /** Whether the consumer asked for the partition's last-enqueued figures with every event. */
  trackLastEnqueued: boolean;
}

/**
 * Streams a partition to one consumer link: stored events from the start position, then live ones, never
 * more than the credit the consumer granted. Returns the function that stops it.
 */
export function serveConsumerLink(sender: Sender, log: PartitionLog, options: ConsumerLinkOptions): () => void {
  let next = options.startSequenceNumber;
  let stopped = false;
  let draining = false;
  const pump = (): void => {
    if (stopped) return;
    if (sender.is_closed()) return stop();
    while (sender.sendable()) {
      next = Math.max(next, log.beginSequenceNumber);
      const event = log.at(next);
      if (!event) break;
      sender.send(toConsumerMessage(event, { lastEnqueued: options.trackLastEnqueued ? log.last() : undefined }));
      next += 1;
    }
    // A consumer that asked to drain gets its unused credit back once nothing more is stored.
    if (draining && !log.at(next)) {
      draining = false;
      sender.set_drained(true);
    }
  };
  const unsubscribe = log.onAppend(pump);
  const stop = (): void => {
    stopped = true;
    unsubscribe();
  };
  sender.on('sendable', pump);
  sender.on('sender_close', stop);
  sender.on('sender_draining', () => {
    draining = true;
    pump();
  });
  setImmediate(pump);
  return stop;
}
