import { create_container, type AmqpError, type Connection, type Container, type EventContext, type Receiver, type Sender } from 'rhea';
import { handleCbsRequest } from './cbs-node';
import { ConnectionGrants } from './connection-grants';
import { consumerStartSequence, type ConsumerRequest } from './consumer-request';
import { serveConsumerLink } from './consumer-link';
import type { ValidatedEmulatorOptions } from './emulator-options';
import { entityPath, parseEntityAddress, type EntityAddress } from './entity-address';
import { decodeDelivery } from './event-codec';
import type { EventStore, PartitionLog } from './event-store';
import { sendWhenCredit } from './link-outbox';
import { handleManagementRequest } from './management-node';
import { replyMessage } from './request-reply';

type Link = Sender | Receiver;

/** What the namespace remembers about one client connection. */
interface ConnectionState {
  grants: ConnectionGrants;
  /** Links to hubs and partitions, re-checked against the grants as tokens expire. */
  entityLinks: Map<Link, string>;
  stops: Array<() => void>;
}

/** Fields of rhea's link that its typings leave out. */
interface LinkInternals {
  local: { attach: { max_message_size?: number } };
}

const REQUEST_NODES = new Set(['cbs', 'management']);

/**
 * The AMQP side of the emulated namespace: one rhea container answering `$cbs`, `$management`, sends to
 * hubs and partitions and consumer links on partitions, backed by the shared event store.
 */
export class NamespaceServer {
  readonly container: Container;
  private readonly connections = new Map<Connection, ConnectionState>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: ValidatedEmulatorOptions,
    private readonly store: EventStore,
  ) {
    const container = create_container({ id: 'eventhubs-emulator', autoaccept: false } as never);
    container.sasl_server_mechanisms.enable_anonymous();
    container.sasl_server_mechanisms.enable_plain(() => true);
    container.on('receiver_open', (context: EventContext) => this.onIncomingLink(context.receiver as Receiver));
    container.on('sender_open', (context: EventContext) => this.onOutgoingLink(context.sender as Sender));
    container.on('message', (context: EventContext) => this.onMessage(context));
    container.on('disconnected', (context: EventContext) => this.forget(context.connection));
    container.on('connection_close', (context: EventContext) => this.forget(context.connection));
    // Peers vanish mid-frame when tests stop the emulator; those errors are expected, not fatal.
    container.on('error', () => undefined);
    container.on('connection_error', () => undefined);
    container.on('protocol_error', () => undefined);
    this.container = container;
  }

  /** Detaches links whose token expired without being renewed, as Azure does. */
  startSweeping(intervalMs = 1000): void {
    this.sweepTimer = setInterval(() => this.sweepExpiredLinks(), intervalMs);
    this.sweepTimer.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweepTimer);
    for (const connection of [...this.connections.keys()]) this.forget(connection);
  }

  private state(connection: Connection): ConnectionState {
    let state = this.connections.get(connection);
    if (!state) {
      state = { grants: new ConnectionGrants(), entityLinks: new Map(), stops: [] };
      this.connections.set(connection, state);
    }
    return state;
  }

  private forget(connection: Connection): void {
    const state = this.connections.get(connection);
    if (!state) return;
    for (const stop of state.stops) stop();
    this.connections.delete(connection);
  }

  /** A client sender: the target is `$cbs`, `$management`, a hub or a partition. */
  private onIncomingLink(receiver: Receiver): void {
    const address = parseEntityAddress(receiver.target?.address);
    receiver.set_target(receiver.target ?? {});
    if (address && REQUEST_NODES.has(address.kind)) return;
    if (!address || (address.kind !== 'hub' && address.kind !== 'partition')) {
      return refuse(receiver, { condition: 'amqp:not-found', description: `cannot send to ${String(receiver.target?.address)}` });
    }
    const problem = this.checkEntity(receiver.connection, address);
    if (problem) return refuse(receiver, problem);
    (receiver as unknown as LinkInternals).local.attach.max_message_size = this.options.maxMessageSize;
    this.state(receiver.connection).entityLinks.set(receiver, entityPath(address));
  }

  /** A client receiver: the source is `$cbs`/`$management` (replies) or a consumer group partition. */
  private onOutgoingLink(sender: Sender): void {
    const address = parseEntityAddress(sender.source?.address);
    sender.set_source(sender.source ?? {});
    if (address && REQUEST_NODES.has(address.kind)) return;
    if (!address || address.kind !== 'consumer') {
      return refuse(sender, { condition: 'amqp:not-found', description: `cannot receive from ${String(sender.source?.address)}` });
    }
    const problem = this.checkEntity(sender.connection, address);
    if (problem) return refuse(sender, problem);
    const log = this.partitionOf(address) as PartitionLog;
    let request: ConsumerRequest;
    try {
      request = consumerStartSequence(sender, log);
    } catch (error) {
      return refuse(sender, { condition: 'com.microsoft:argument-error', description: (error as Error).message });
    }
    const state = this.state(sender.connection);
    state.entityLinks.set(sender, entityPath(address));
    state.stops.push(serveConsumerLink(sender, log, request));
  }

  private checkEntity(connection: Connection, address: EntityAddress): AmqpError | undefined {
    if (address.kind === 'cbs' || address.kind === 'management') return undefined;
    const hub = this.store.hub(address.hub);
    if (!hub) return { condition: 'amqp:not-found', description: `The messaging entity '${address.hub}' could not be found.` };
    if (address.kind !== 'hub' && !this.partitionOf(address)) {
      return {
        condition: 'com.microsoft:argument-out-of-range',
        description: `The specified partition is invalid for an EventHub partition sender or receiver. It should be between 0 and ${hub.partitions.length - 1}.`,
      };
    }
    if (!this.state(connection).grants.covers(entityPath(address), Date.now())) {
      return { condition: 'amqp:unauthorized-access', description: `Unauthorized access: no valid token for ${address.hub}.` };
    }
    return undefined;
  }

  private partitionOf(address: EntityAddress): PartitionLog | undefined {
    if (address.kind !== 'partition' && address.kind !== 'consumer') return undefined;
    return this.store.hub(address.hub)?.partition(address.partitionId);
  }

  private onMessage(context: EventContext): void {
    const receiver = context.receiver as Receiver;
    const address = parseEntityAddress(receiver.target?.address);
    if (address?.kind === 'cbs' || address?.kind === 'management') return this.answerRequest(context, address.kind);
    const delivery = context.delivery;
    if (!address || (address.kind !== 'hub' && address.kind !== 'partition') || !delivery) return;
    if (!this.state(receiver.connection).grants.covers(entityPath(address), Date.now())) {
      return delivery.reject({ condition: 'amqp:unauthorized-access', description: 'the token for this entity has expired' });
    }
    try {
      const { events, partitionKey, size } = decodeDelivery(context);
      if (size > this.options.maxMessageSize) {
        return delivery.reject({
          condition: 'amqp:link:message-size-exceeded',
          description: `The received message (${size} bytes) exceeds the limit (${this.options.maxMessageSize} bytes).`,
        });
      }
      const hub = this.store.requireHub(address.hub);
      const log = address.kind === 'partition' ? (this.partitionOf(address) as PartitionLog) : hub.choosePartition(partitionKey);
      log.append(events, address.kind === 'hub' ? partitionKey : undefined, new Date());
      delivery.accept();
    } catch (error) {
      delivery.reject({ condition: 'amqp:decode-error', description: (error as Error).message });
    }
  }

  private answerRequest(context: EventContext, node: 'cbs' | 'management'): void {
    const request = context.message;
    const connection = context.connection;
    context.delivery?.accept();
    if (!request) return;
    const grants = this.state(connection).grants;
    const now = Date.now();
    const reply =
      node === 'cbs'
        ? handleCbsRequest(request, this.options.keys, grants, now)
        : handleManagementRequest(request, this.store, this.options.keys, grants, now);
    const replyTo = request.reply_to;
    const isReplyLink = (link: Sender): boolean => parseEntityAddress(link.source?.address)?.kind === node;
    const sender =
      connection.find_sender((link: Sender) => isReplyLink(link) && link.target?.address === replyTo) ??
      connection.find_sender((link: Sender) => isReplyLink(link));
    if (!sender) return;
    sendWhenCredit(sender, replyMessage(request, reply));
  }

  private sweepExpiredLinks(): void {
    const now = Date.now();
    for (const state of this.connections.values()) {
      for (const [link, path] of state.entityLinks) {
        if (link.is_closed()) state.entityLinks.delete(link);
        else if (!state.grants.covers(path, now)) {
          state.entityLinks.delete(link);
          link.close({ condition: 'amqp:unauthorized-access', description: 'The token has expired.' });
        }
      }
    }
  }
}

/** Answers the attach and detaches at once with the error, which is how Azure refuses a link. */
function refuse(link: Link, error: AmqpError): void {
  link.close(error);
}
