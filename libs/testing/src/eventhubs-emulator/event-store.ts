import type { Message } from 'rhea';
import type { EmulatedHub } from './emulator-options';
import { partitionIndexForKey } from './partition-key-hash';

/** One event as the emulator keeps it: the AMQP message as the producer sent it plus what the broker assigned. */
export interface StoredEvent {
  partitionId: string;
  sequenceNumber: number;
  /** Byte position of the event in its partition, like Azure's offsets. */
  offset: number;
  enqueuedTime: Date;
  partitionKey?: string;
  message: Message;
}

export interface IncomingEvent {
  message: Message;
  /** Encoded size in bytes; the next event's offset advances by it. */
  size: number;
}

/** The events of one partition, numbered from 0; `clear()` expires them without reusing numbers. */
export class PartitionLog {
  private events: StoredEvent[] = [];
  private firstSequence = 0;
  private nextSequenceNumber = 0;
  private nextOffset = 0;
  private readonly listeners = new Set<() => void>();

  constructor(readonly partitionId: string) {}

  append(incoming: IncomingEvent[], partitionKey: string | undefined, now: Date): StoredEvent[] {
    const stored = incoming.map(({ message, size }) => {
      const event: StoredEvent = {
        partitionId: this.partitionId,
        sequenceNumber: this.nextSequenceNumber++,
        offset: this.nextOffset,
        enqueuedTime: now,
        partitionKey,
        message,
      };
      this.nextOffset += Math.max(size, 1);
      return event;
    });
    this.events.push(...stored);
    for (const listener of [...this.listeners]) listener();
    return stored;
  }

  /** The event with this sequence number, if it is still retained. */
  at(sequenceNumber: number): StoredEvent | undefined {
    return this.events[sequenceNumber - this.firstSequence];
  }

  all(): readonly StoredEvent[] {
    return this.events;
  }

  get beginSequenceNumber(): number {
    return this.firstSequence;
  }

  /** The sequence number the next appended event will get. */
  get nextSequence(): number {
    return this.nextSequenceNumber;
  }

  last(): StoredEvent | undefined {
    return this.events[this.events.length - 1];
  }

  /** Sequence number of the first retained event matching `predicate`, or the next one to come. */
  firstSequenceWhere(predicate: (event: StoredEvent) => boolean): number {
    return this.events.find(predicate)?.sequenceNumber ?? this.nextSequenceNumber;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.events = [];
    this.firstSequence = this.nextSequenceNumber;
  }
}

export class EmulatedEventHub {
  readonly createdAt = new Date();
  readonly partitions: PartitionLog[];
  private roundRobin = 0;

  constructor(readonly name: string, partitionCount: number) {
    this.partitions = Array.from({ length: partitionCount }, (_, index) => new PartitionLog(String(index)));
  }

  get partitionIds(): string[] {
    return this.partitions.map((partition) => partition.partitionId);
  }

  partition(partitionId: string): PartitionLog | undefined {
    return /^\d+$/.test(partitionId) ? this.partitions[Number(partitionId)] : undefined;
  }

  /** Where a send to the hub itself lands: by partition key hash when there is one, else round robin. */
  choosePartition(partitionKey: string | undefined): PartitionLog {
    if (partitionKey !== undefined) return this.partitions[partitionIndexForKey(partitionKey, this.partitions.length)];
    const partition = this.partitions[this.roundRobin % this.partitions.length];
    this.roundRobin += 1;
    return partition;
  }
}

/** Every hub of the emulated namespace; names are matched case-insensitively, as Azure does. */
export class EventStore {
  private readonly hubs = new Map<string, EmulatedEventHub>();

  constructor(hubs: EmulatedHub[]) {
    for (const hub of hubs) this.hubs.set(hub.name.toLowerCase(), new EmulatedEventHub(hub.name, hub.partitions));
  }

  hub(name: string): EmulatedEventHub | undefined {
    return this.hubs.get(name.toLowerCase());
  }

  requireHub(name: string): EmulatedEventHub {
    const hub = this.hub(name);
    if (!hub) throw new Error(`the emulator has no hub named ${JSON.stringify(name)}`);
    return hub;
  }

  clear(): void {
    for (const hub of this.hubs.values()) for (const partition of hub.partitions) partition.clear();
  }
}
