import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@activation/config';
import type { DataSource } from 'typeorm';
import {
  ApiKeyRepository, generateApiKey, SecretCipher, SecretKeyring, secretOwner, WebhookSourceRepository,
  type ApiKeyRole, type WebhookFieldMapping,
} from '@activation/configuration';
import { configureIngestHttp } from '@activation/ingestion';
import { testDatabaseUrl } from '@activation/testing';
import { AppModule } from '../app/app.module';
import { IngesterSettings } from '../app/settings';

export interface WebhookSourceSeed {
  slug: string;
  mapping: WebhookFieldMapping;
  hmacSecret?: string;
  signatureHeader?: string;
}

/** A migrated Postgres schema of the test's own (what createTestSchema gives). */
export interface OwnSchema {
  name: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** Names of the test's own, so parallel specs never share topics or consumer groups. */
export interface OwnNames {
  brokers: string[];
  topic(purpose: string): string;
  group(purpose: string): string;
}

export interface Ingester {
  app: INestApplication;
  url: string;
  settings: IngesterSettings;
  schema: OwnSchema;
  keys: Record<ApiKeyRole, string>;
  sources: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real ingester application (same modules as apps/ingester) on a free loopback port, with
 * topics, a consumer group and a Postgres schema of its own, API keys for each role, and the
 * given webhook sources created through the configuration library's repositories.
 */
export async function startIngester(options: {
  schema: OwnSchema;
  names: OwnNames;
  env?: Record<string, string>;
  sources?: WebhookSourceSeed[];
}): Promise<Ingester> {
  const { schema, names } = options;
  const settings = loadConfig(IngesterSettings, ingesterTestEnv(schema, names, options.env));
  const keys = await createKeys(schema);
  const sources = await createSources(schema, settings, options.sources ?? []);
  const app = await NestFactory.create(AppModule.register(settings), { logger: false });
  configureIngestHttp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app, url, settings, schema, keys, sources,
    close: async () => {
      await app.close();
      await schema.drop();
    },
  };
}

/** The environment of an ingester of the test's own (also for running apps/ingester as a process). */
export function ingesterTestEnv(schema: OwnSchema, names: OwnNames, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(),
    DATABASE_SCHEMA: schema.name,
    DATABASE_POOL_SIZE: '20',
    KAFKA_BROKERS: names.brokers.join(','),
    KAFKA_TOPIC_PARTITIONS: '3',
    LOG_LEVEL: 'silent',
    PROFILE_INPUTS_TOPIC: names.topic('profile-inputs'),
    INGEST_RAW_TOPIC: names.topic('ingest-raw'),
    INGEST_RAW_GROUP_ID: names.group('ingester-raw'),
    CONFIG_CHANGES_TOPIC: names.topic('config-changes'),
    SECRETS_KEYS: `test:${randomBytes(32).toString('base64')}`,
    SERVICE_INSTANCE: `test-${randomBytes(3).toString('hex')}`,
    ...overrides,
  };
}

/** One API key per role, created through the configuration library's repository. */
export async function createKeys(schema: OwnSchema): Promise<Record<ApiKeyRole, string>> {
  const repository = new ApiKeyRepository(schema.dataSource);
  const keys = {} as Record<ApiKeyRole, string>;
  for (const role of ['admin', 'ingest', 'read-only'] as const) {
    const key = generateApiKey();
    await repository.insert(schema.dataSource.manager, {
      id: randomUUID(), name: `${role} key`, prefix: key.prefix, keyHash: key.hash, roles: [role],
      createdBy: 'test', expiresAt: null, revokedAt: null,
    });
    keys[role] = key.raw;
  }
  return keys;
}

async function createSources(schema: OwnSchema, settings: IngesterSettings, seeds: WebhookSourceSeed[]): Promise<Record<string, string>> {
  const repository = new WebhookSourceRepository(schema.dataSource);
  const cipher = new SecretCipher(SecretKeyring.fromSettings(settings));
  const ids: Record<string, string> = {};
  for (const seed of seeds) {
    const id = randomUUID();
    await repository.insert(schema.dataSource.manager, {
      id, name: seed.slug, slug: seed.slug, mapping: seed.mapping, enabled: true,
      signature: seed.hmacSecret ? { header: seed.signatureHeader ?? 'X-Signature' } : null,
      secrets: seed.hmacSecret ? cipher.encryptAll({ hmacSecret: seed.hmacSecret }, secretOwner.source(id)) : {},
    });
    ids[seed.slug] = id;
  }
  return ids;
}

/** POSTs JSON (or raw bytes) with an API key; keeps the connection alive between calls. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
}
