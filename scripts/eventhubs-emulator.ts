// Runs the Event Hubs emulator from the command line until SIGINT/SIGTERM:
//   node -r @swc-node/register scripts/eventhubs-emulator.ts --port 5672 --hub audiences:4 --key RootManageSharedAccessKey=<base64>
// Prints one connection string per hub (they contain the key: this is a local test tool).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startEventHubsEmulator, type EmulatedHub, type EmulatedKey } from '../libs/testing/src/eventhubs-emulator';

const USAGE =
  'usage: eventhubs-emulator.ts [--port 5672] [--host 127.0.0.1] --hub <name>:<partitions> [--hub ...] [--key <name>=<key> ...]';

function parseHub(spec: string): EmulatedHub {
  const match = /^([^:]+):(\d+)$/.exec(spec);
  if (!match) throw new Error(`--hub expects <name>:<partitions>, got ${JSON.stringify(spec)}`);
  return { name: match[1], partitions: Number(match[2]) };
}

function parseKey(spec: string): EmulatedKey {
  const at = spec.indexOf('=');
  if (at <= 0 || at === spec.length - 1) throw new Error('--key expects <name>=<key>');
  return { name: spec.slice(0, at), key: spec.slice(at + 1) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5672' },
      host: { type: 'string', default: '127.0.0.1' },
      hub: { type: 'string', multiple: true, default: [] },
      key: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!/^\d+$/.test(values.port)) throw new Error(`--port expects a number, got ${JSON.stringify(values.port)}`);
  const hubs = values.hub.map(parseHub);
  if (hubs.length === 0) throw new Error('at least one --hub is required');
  const keys = values.key.map(parseKey);
  if (keys.length === 0) keys.push({ name: 'RootManageSharedAccessKey', key: randomBytes(32).toString('base64') });

  const emulator = await startEventHubsEmulator({ port: Number(values.port), host: values.host, hubs, keys });
  console.log(`Event Hubs emulator listening on ${emulator.host}:${emulator.port}`);
  for (const hub of hubs) console.log(emulator.connectionString(hub.name));

  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
  console.error(`eventhubs-emulator: ${error.message}\n${USAGE}`);
  process.exit(2);
});
