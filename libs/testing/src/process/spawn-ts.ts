import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const spawned = new Set<ChildProcess>();

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

export interface TsProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry point of the workspace in its own Node process (as production would). */
export function spawnTs(entry: string, env: Record<string, string> = {}): TsProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(WORKSPACE_ROOT, entry)], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Waits until the process has printed `text`; fails at once, with its output, if it exits first
 * (a probe's own errors only mean "not yet" to waitFor, so an early crash would look like a timeout).
 */
export async function waitForOutput(process: TsProcess, text: string, timeoutMs: number, what: string): Promise<void> {
  const exitedFirst = process.exited.then((code) => {
    if (!process.output().includes(text)) throw new Error(`${what}: the process exited with ${code} first:\n${process.output()}`);
  });
  // Once started, the process's later exit is the caller's business.
  exitedFirst.catch(() => undefined);
  await Promise.race([waitFor(async () => process.output().includes(text), timeoutMs, what), exitedFirst]);
}

export function killSpawnedProcesses(): void {
  for (const child of spawned) child.kill('SIGKILL');
  spawned.clear();
}
