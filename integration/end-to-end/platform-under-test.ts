import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestSchema, spawnTs, testDatabaseUrl, testKafkaBrokers, uniqueTopic, waitForOutput, type TestSchema, type TsProcess } from '@activation/testing';

export type PlatformMode = 'embedded' | 'kafka-postgres';

export interface PlatformUnderTest {
  adminUrl: string;
  ingesterUrl: string;
  adminKey: string;
  /** Every service's base URL. */
  serviceUrls: string[];
  /** Stops the platform with SIGTERM: its exit code and what it wrote. */
  stop(): Promise<{ code: number | null; output: string }>;
}

/**
 * The one-process platform (`npm start`) as a child process: on its embedded defaults, or on the
 * test Kafka and PostgreSQL with a schema, topics and consumer groups of its own.
 */
export async function startPlatform(mode: PlatformMode, portOffset: number): Promise<PlatformUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), `e2e-${mode}-`));
  let schema: TestSchema | undefined;
  const env: Record<string, string> = { ACTIVATION_DATA_DIR: dataDir, PLATFORM_PORT_OFFSET: String(portOffset), LOG_LEVEL: 'warn' };
  if (mode === 'embedded') {
    Object.assign(env, { KAFKA_BROKERS: '', DATABASE_URL: '' });
  } else {
    schema = await createTestSchema({ migrate: false });
    Object.assign(env, {
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA: schema.name,
      KAFKA_TOPIC_PARTITIONS: '2',
      KAFKA_GROUP_PREFIX: `e2e-${randomBytes(4).toString('hex')}-`,
      INGEST_RAW_TOPIC: uniqueTopic('e2e-raw'),
      PROFILE_INPUTS_TOPIC: uniqueTopic('e2e-inputs'),
      MEMBERSHIP_TOPIC: uniqueTopic('e2e-membership'),
      SNAPSHOT_REQUESTS_TOPIC: uniqueTopic('e2e-snapshots'),
      CONFIG_CHANGES_TOPIC: uniqueTopic('e2e-config'),
      // The receiver of the spec listens on loopback (the embedded default allows it by itself).
      DELIVERY_ALLOWED_PRIVATE_NETWORKS: 'loopback',
    });
  }
  const platform: TsProcess = spawnTs('apps/platform/src/main.ts', env);
  const cleanUp = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await schema?.drop();
  };
  try {
    await waitForOutput(platform, 'platform ready', 120_000, `the platform (${mode}) to start`);
  } catch (error) {
    platform.child.kill('SIGKILL');
    await cleanUp();
    throw new Error(`${(error as Error).message}\n${platform.output().slice(-4_000)}`);
  }
  const base = (port: number) => `http://127.0.0.1:${port + portOffset}`;
  return {
    adminUrl: base(3000),
    ingesterUrl: base(3001),
    adminKey: readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim(),
    serviceUrls: [3000, 3001, 3002, 3003, 3004, 3005].map(base),
    stop: async () => {
      platform.child.kill('SIGTERM');
      const code = await platform.exited;
      await cleanUp();
      return { code, output: platform.output() };
    },
  };
}

