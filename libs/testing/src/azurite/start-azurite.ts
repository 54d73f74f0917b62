import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '../net/free-port';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../process/spawn-ts';

/** The published development account of the Azure storage emulators. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Azurite's Blob service on a free port, in memory; `--skipApiVersionCheck` lets the current SDK talk
 * to it. Telemetry is off: it probes the Azure metadata address, which holds up stop() where there is none.
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const port = await freePort();
  const bin = join(WORKSPACE_ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
  const child: ChildProcess = spawn(process.execPath, [bin, '--blobHost', '127.0.0.1', '--blobPort', String(port),
    '--inMemoryPersistence', '--silent', '--skipApiVersionCheck', '--loose', '--disableTelemetry'], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  while (!(await accepting(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('Azurite did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
