// The guided demo (`npm run demo`): starts the platform on its embedded defaults in a temporary
// data directory (or uses the one at DEMO_ADMIN_URL), starts a local webhook receiver, and walks
// through an audience, a function destination and live changes. Exits 0 when every expected
// delivery arrived, 1 otherwise.
//
//   DEMO_PROFILES        existing customers loaded before the audience exists (default 2000)
//   DEMO_STEP_TIMEOUT_MS longest wait for one step (default 180000)
//   DEMO_PORT_OFFSET     platform ports are 3000-3005 plus this (default: the first free thousand from 20000)
//   DEMO_ADMIN_URL       use this running platform instead (with DEMO_INGESTER_URL, DEMO_ADMIN_KEY)
//   DEMO_KEEP_DATA=true  keep the temporary data directory (always kept when the demo fails)
import { randomBytes } from 'node:crypto';
import { PlatformClient } from './platform-client';
import { providePlatform, type DemoPlatform } from './platform-process';
import { DemoReceiver } from './receiver';
import { SampleData } from './sample-data';
import { newSigningSecret, Scenario } from './scenario';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

async function main(): Promise<number> {
  const profiles = positiveInteger('DEMO_PROFILES', 2_000);
  const stepTimeoutMs = positiveInteger('DEMO_STEP_TIMEOUT_MS', 180_000);
  if (profiles < 3) throw new Error('DEMO_PROFILES must be at least 3');
  const run = randomBytes(3).toString('hex');
  const signingSecret = newSigningSecret();

  process.stdout.write('Audience activation demo: profile changes in, NEW / MODIFIED / REMOVED deliveries out.\n');
  process.stdout.write(process.env['DEMO_ADMIN_URL'] ? '' : 'Starting the platform on its embedded defaults (no Kafka, no PostgreSQL server)...\n');
  let platform: DemoPlatform | undefined;
  let receiver: DemoReceiver | undefined;
  let failed = true;
  const stopAll = async () => {
    await receiver?.close();
    await platform?.stop({ keepData: failed || process.env['DEMO_KEEP_DATA'] === 'true' });
  };
  process.once('SIGINT', () => {
    process.stdout.write('\nInterrupted; stopping the platform.\n');
    void stopAll().finally(() => process.exit(130));
  });
  try {
    platform = await providePlatform(process.env, stepTimeoutMs);
    process.stdout.write(`Using ${platform.describe}.\n`);
    receiver = await DemoReceiver.start(signingSecret);
    await new Scenario(new PlatformClient(platform), receiver, new SampleData(run, profiles), { stepTimeoutMs, signingSecret }).run();
    failed = false;
  } catch (error) {
    process.stdout.write(`\n✘ The demo failed: ${(error as Error).message}\n`);
  } finally {
    if (platform?.dataDir) {
      const kept = failed || process.env['DEMO_KEEP_DATA'] === 'true';
      process.stdout.write(`Stopping the platform${kept ? ` (its data and log stay in ${platform.dataDir})` : ''}.\n`);
    }
    await stopAll();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`✘ ${error.message}\n`);
    process.exit(1);
  },
);
