/**
 * A process running the Blob export (spawned by the crash spec). Env: DATABASE_URL, SCHEMA,
 * WORKER_ID, SUBSCRIPTION (ExportSubscriptionSpec as JSON); with CRASH_AFTER_CALLS=n it kills
 * itself the moment its n-th call has returned, before the framework acknowledged the rows.
 */
import 'reflect-metadata';
import type { CallSender } from '@activation/delivery';
import { BlobExportAdapter } from '../adapter/blob-export-adapter';
import { exportSubscription } from './export-fixtures';
import { startExportEngine } from './export-engine';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const crashAfterCalls = Number(process.env['CRASH_AFTER_CALLS'] ?? 0);
if (crashAfterCalls > 0) {
  let calls = 0;
  const createSender = BlobExportAdapter.prototype.createSender;
  BlobExportAdapter.prototype.createSender = function crashingSender(this: BlobExportAdapter, ...args: Parameters<typeof createSender>): CallSender {
    const sender = createSender.apply(this, args);
    return {
      send: async (call) => {
        const result = await sender.send(call);
        if (++calls >= crashAfterCalls) process.kill(process.pid, 'SIGKILL');
        return result;
      },
      close: () => sender.close(),
    };
  };
}

async function main(): Promise<void> {
  const running = await startExportEngine({
    databaseUrl: env('DATABASE_URL'),
    schema: env('SCHEMA'),
    workerId: env('WORKER_ID'),
    subscriptions: [exportSubscription(JSON.parse(env('SUBSCRIPTION')))],
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
  });
  process.stdout.write('export engine started\n');
  process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
