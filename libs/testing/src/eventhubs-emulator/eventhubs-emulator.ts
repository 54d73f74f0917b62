import type { Server, Socket } from 'node:net';
import { toReceivedEvent, type ReceivedEvent } from './event-codec';
import { EventStore } from './event-store';
import { validateEmulatorOptions, type EventHubsEmulatorOptions, type ValidatedEmulatorOptions } from './emulator-options';
import { NamespaceServer } from './namespace-server';
import { partitionIndexForKey } from './partition-key-hash';

export interface EventHubsEmulator {
  /** The port it listens on (kept across stop/restart, also when it was picked at random). */
  readonly port: number;
  readonly host: string;
  readonly running: boolean;
  /**
   * `Endpoint=sb://<host>:<port>;SharedAccessKeyName=..;SharedAccessKey=..;EntityPath=<hub>;UseDevelopmentEmulator=true`
   * for a configured key (the first one by default).
   */
  connectionString(hub: string, keyName?: string): string;
  /** What the emulator has received and acknowledged, per partition in sequence order (all partitions by default). */
  messages(hub: string, partitionId?: string): ReceivedEvent[];
  /** Waits until at least `count` events are stored (in the partition, or the hub). */
  waitForMessages(hub: string, count: number, options?: { partitionId?: string; timeoutMs?: number }): Promise<ReceivedEvent[]>;
  /** The partition a send to the hub with this partition key lands on. */
  partitionForKey(hub: string, partitionKey: string): string;
  /** Expires every stored event (sequence numbers and offsets keep counting up, as after retention). */
  clear(): void;
  /** Stops listening and drops every client connection at once, as a crash would; stored events are kept. */
  stop(): Promise<void>;
  /** Listens again on the same port after `stop()`. */
  restart(): Promise<void>;
}

/** Starts an AMQP 1.0 server that the unmodified `@azure/event-hubs` clients accept as an Event Hubs namespace. */
export async function startEventHubsEmulator(options: EventHubsEmulatorOptions): Promise<EventHubsEmulator> {
  const validated = validateEmulatorOptions(options);
  const emulator = new RunningEmulator(validated);
  await emulator.listen(validated.port);
  return emulator;
}

class RunningEmulator implements EventHubsEmulator {
  private readonly store: EventStore;
  private readonly namespace: NamespaceServer;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  constructor(private readonly options: ValidatedEmulatorOptions) {
    this.store = new EventStore(options.hubs);
    this.namespace = new NamespaceServer(options, this.store);
  }

  get port(): number {
    return this.boundPort;
  }

  get host(): string {
    return this.options.host;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async listen(port: number): Promise<void> {
    if (this.server) throw new Error('the emulator is already running');
    const server = this.namespace.container.listen({ port, host: this.options.host });
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : port;
    this.server = server;
    this.namespace.startSweeping();
  }

  connectionString(hub: string, keyName?: string): string {
    const key = keyName === undefined ? this.options.keys[0] : this.options.keys.find((candidate) => candidate.name === keyName);
    if (!key) throw new Error(`the emulator has no key named ${JSON.stringify(keyName)}`);
    const host = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return (
      `Endpoint=sb://${host}:${this.port};SharedAccessKeyName=${key.name};SharedAccessKey=${key.key};` +
      `EntityPath=${this.store.requireHub(hub).name};UseDevelopmentEmulator=true`
    );
  }

  messages(hub: string, partitionId?: string): ReceivedEvent[] {
    const eventHub = this.store.requireHub(hub);
    const partitions = partitionId === undefined ? eventHub.partitions : [eventHub.partition(partitionId)];
    return partitions.flatMap((partition) => {
      if (!partition) throw new Error(`hub ${eventHub.name} has no partition ${partitionId}`);
      return partition.all().map((event) => toReceivedEvent(eventHub.name, event));
    });
  }

  async waitForMessages(
    hub: string,
    count: number,
    { partitionId, timeoutMs = 20_000 }: { partitionId?: string; timeoutMs?: number } = {},
  ): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const events = this.messages(hub, partitionId);
      if (events.length >= count) return events;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${events.length} of ${count} events in ${hub}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  partitionForKey(hub: string, partitionKey: string): string {
    return String(partitionIndexForKey(partitionKey, this.store.requireHub(hub).partitions.length));
  }

  clear(): void {
    this.store.clear();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.namespace.stopSweeping();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Destroying with an error is what makes rhea drop the connection state (and its heartbeat timers):
    // it listens for 'error' and 'end', not 'close'.
    for (const socket of this.sockets) socket.destroy(new Error('the Event Hubs emulator stopped'));
    this.sockets.clear();
    await closed;
  }

  async restart(): Promise<void> {
    await this.listen(this.boundPort);
  }
}
