/** One event hub of the emulated namespace. */
export interface EmulatedHub {
  name: string;
  partitions: number;
}

/** A shared access policy: clients sign their SAS tokens with `key` (used as UTF-8 text, as the SDK does). */
export interface EmulatedKey {
  name: string;
  key: string;
}

export interface EventHubsEmulatorOptions {
  /** TCP port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  hubs: EmulatedHub[];
  keys: EmulatedKey[];
  /** Largest message a sender link accepts, announced as the link's max_message_size (1 MiB like Azure standard). */
  maxMessageSize?: number;
}

export interface ValidatedEmulatorOptions {
  port: number;
  host: string;
  hubs: EmulatedHub[];
  keys: EmulatedKey[];
  maxMessageSize: number;
}

const HUB_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;

/** Rejects options the emulator could not serve, so a typo fails at start rather than as a confusing AMQP error. */
export function validateEmulatorOptions(options: EventHubsEmulatorOptions): ValidatedEmulatorOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${options.port}`);
  if (!Array.isArray(options.hubs) || options.hubs.length === 0) throw new Error('at least one hub is required');
  if (!Array.isArray(options.keys) || options.keys.length === 0) throw new Error('at least one key is required');
  const hubNames = new Set<string>();
  for (const hub of options.hubs) {
    if (!HUB_NAME.test(hub.name ?? '')) throw new Error(`invalid hub name: ${JSON.stringify(hub.name)}`);
    if (!Number.isInteger(hub.partitions) || hub.partitions < 1 || hub.partitions > 1024) {
      throw new Error(`hub ${hub.name}: partitions must be an integer from 1 to 1024`);
    }
    if (hubNames.has(hub.name.toLowerCase())) throw new Error(`duplicate hub: ${hub.name}`);
    hubNames.add(hub.name.toLowerCase());
  }
  const keyNames = new Set<string>();
  for (const key of options.keys) {
    if (!KEY_NAME.test(key.name ?? '')) throw new Error(`invalid key name: ${JSON.stringify(key.name)}`);
    if (typeof key.key !== 'string' || key.key.length === 0) throw new Error(`key ${key.name}: the key is empty`);
    if (keyNames.has(key.name)) throw new Error(`duplicate key name: ${key.name}`);
    keyNames.add(key.name);
  }
  const maxMessageSize = options.maxMessageSize ?? 1024 * 1024;
  if (!Number.isInteger(maxMessageSize) || maxMessageSize < 1024) throw new Error('maxMessageSize must be at least 1024');
  return {
    port,
    host: options.host ?? '127.0.0.1',
    hubs: options.hubs.map((hub) => ({ name: hub.name, partitions: hub.partitions })),
    keys: options.keys.map((key) => ({ name: key.name, key: key.key })),
    maxMessageSize,
  };
}
