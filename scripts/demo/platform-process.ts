import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { join, resolve } from 'node:path';

const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
const SERVICE_PORTS = [3000, 3001, 3002, 3003, 3004, 3005];

/** Where the demo talks to a platform. */
export interface PlatformEndpoints {
  adminUrl: string;
  ingesterUrl: string;
  adminKey: string;
}

export interface DemoPlatform extends PlatformEndpoints {
  describe: string;
  /** The temporary data directory of a platform the demo started. */
  dataDir?: string;
  /** Stops what the demo started (nothing for a platform it was pointed at). */
  stop(options: { keepData: boolean }): Promise<void>;
}

/**
 * A platform already running (DEMO_ADMIN_URL set), or one started here on its embedded defaults
 * in a fresh temporary data directory, on ports nothing else uses.
 */
export async function providePlatform(env: NodeJS.ProcessEnv, startTimeoutMs: number): Promise<DemoPlatform> {
  const runningAt = env['DEMO_ADMIN_URL'];
  if (runningAt) return runningPlatform(runningAt, env);
  return startEmbeddedPlatform(env, startTimeoutMs);
}

function runningPlatform(runningAt: string, env: NodeJS.ProcessEnv): DemoPlatform {
  const adminUrl = runningAt.replace(/\/$/, '');
  const ingesterUrl = (env['DEMO_INGESTER_URL'] ?? adminUrl.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`)).replace(/\/$/, '');
  const keyFile = join(env['ACTIVATION_DATA_DIR'] ?? join(WORKSPACE_ROOT, '.local', 'platform'), 'admin-api-key');
  const adminKey = env['DEMO_ADMIN_KEY'] ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '');
  if (!adminKey) throw new Error(`no admin API key: set DEMO_ADMIN_KEY (none found in ${keyFile})`);
  return { adminUrl, ingesterUrl, adminKey, describe: `the platform at ${adminUrl}`, stop: async () => undefined };
}

async function startEmbeddedPlatform(env: NodeJS.ProcessEnv, startTimeoutMs: number): Promise<DemoPlatform> {
  const offset = env['DEMO_PORT_OFFSET'] ? Number(env['DEMO_PORT_OFFSET']) : await freePortOffset();
  const dataDir = mkdtempSync(join(tmpdir(), 'activation-demo-'));
  const logFile = join(dataDir, 'platform.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(WORKSPACE_ROOT, 'apps/platform/src/main.ts')], {
    cwd: WORKSPACE_ROOT,
    env: {
      ...env,
      SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.json'),
      ACTIVATION_DATA_DIR: dataDir,
      PLATFORM_PORT_OFFSET: String(offset),
      // The demo always runs on the embedded defaults, whatever the shell points at.
      KAFKA_BROKERS: '',
      DATABASE_URL: '',
      LOG_LEVEL: env['DEMO_PLATFORM_LOG_LEVEL'] ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await waitUntilReady(child, child.stdout, exited, startTimeoutMs, logFile);
  const adminUrl = `http://127.0.0.1:${3000 + offset}`;
  return {
    adminUrl,
    ingesterUrl: `http://127.0.0.1:${3001 + offset}`,
    adminKey: readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim(),
    describe: `a platform on its embedded defaults (admin API ${adminUrl}, data and log in ${dataDir})`,
    dataDir,
    stop: async ({ keepData }) => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(child: ChildProcess, stdout: Readable, exited: Promise<number | null>, timeoutMs: number, logFile: string): Promise<void> {
  let output = '';
  const ready = new Promise<void>((done) => {
    stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('platform ready')) done();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then((code) => `the platform exited with code ${code} while starting` as const),
    new Promise<string>((done) => (timer = setTimeout(() => done(`the platform did not start within ${timeoutMs / 1000} s`), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome === 'ready') return;
  child.kill('SIGKILL');
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
  throw new Error(`${outcome}; last lines of ${logFile}:\n${tail}`);
}

/** The first offset (20000, 21000, ...) at which all six service ports are free. */
async function freePortOffset(): Promise<number> {
  for (let offset = 20_000; offset <= 40_000; offset += 1_000) {
    const free = await Promise.all(SERVICE_PORTS.map((port) => portIsFree(port + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error('no free ports for the platform; set DEMO_PORT_OFFSET');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '0.0.0.0', () => server.close(() => done(true)));
  });
}
