import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { EventHubProducerClient } from '@azure/event-hubs';
import { WORKSPACE_ROOT, waitFor } from '../process/spawn-ts';

const SCRIPT = join(WORKSPACE_ROOT, 'scripts', 'eventhubs-emulator.ts');

function runScript(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', SCRIPT, ...args], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('scripts/eventhubs-emulator.ts', () => {
  const started: ChildProcess[] = [];

  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints a working connection string and stops on SIGTERM', async () => {
    const run = runScript(['--port', '0', '--hub', 'audiences:2', '--key', 'RootManageSharedAccessKey=Y2xpLWtleQ==']);
    started.push(run.child);
    const connectionString = await waitFor(
      async () => /^Endpoint=\S+$/m.exec(run.output())?.[0],
      30_000,
      'a connection string from the script',
    );
    expect(connectionString).toMatch(
      /^Endpoint=sb:\/\/127\.0\.0\.1:\d+;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Y2xpLWtleQ==;EntityPath=audiences;UseDevelopmentEmulator=true$/,
    );

    const producer = new EventHubProducerClient(connectionString, { retryOptions: { maxRetries: 1, timeoutInMs: 10_000 } });
    try {
      expect(await producer.getPartitionIds()).toEqual(['0', '1']);
      await producer.sendBatch([{ body: 'from the test' }]);
    } finally {
      await producer.close();
    }

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a malformed hub with its usage', async () => {
    const run = runScript(['--port', '0', '--hub', 'audiences']);
    started.push(run.child);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('--hub expects <name>:<partitions>');
  });
});
