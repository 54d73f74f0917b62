import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { configureAdminHttp } from '@activation/admin';
import { loadConfig } from '@activation/config';
import { testDatabaseUrl, testKafkaBrokers } from '@activation/testing';
import { AppModule } from '../app/app.module';
import { AdminApiSettings } from '../app/settings';

export const BOOTSTRAP_KEY = 'test-bootstrap-admin-key-0123456789abcdef';

export interface RunningAdminApi {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The admin API in this process, as main.ts wires it, on a free port. */
export async function startAdminApi(env: Record<string, string>): Promise<RunningAdminApi> {
  const settings = loadConfig(AdminApiSettings, {
    LOG_LEVEL: 'silent',
    ADMIN_BOOTSTRAP_KEY: BOOTSTRAP_KEY,
    DATABASE_URL: testDatabaseUrl(),
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    ...env,
  });
  const app = await NestFactory.create(AppModule.register(settings), { logger: false });
  configureAdminHttp(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), close: () => app.close() };
}

export interface Reply<T = unknown> {
  status: number;
  contentType: string;
  body: T;
  text: string;
}

/** One JSON request with an optional API key. */
export async function call<T = unknown>(base: string, method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<Reply<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.key ? { 'x-api-key': options.key } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (e.g. the docs page)
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: body as T, text };
}

/** Creates an API key with the given roles through the API (using the bootstrap key). */
export async function createKey(base: string, name: string, roles: string[]): Promise<{ id: string; key: string }> {
  const reply = await call<{ id: string; key: string }>(base, 'POST', '/v1/api-keys', { key: BOOTSTRAP_KEY, body: { name, roles } });
  if (reply.status !== 201) throw new Error(`creating key ${name}: ${reply.status} ${reply.text}`);
  return reply.body;
}

export interface RouteInfo {
  method: string;
  path: string;
}

/** Every route Express serves for this application, read from its router. */
export function registeredRoutes(app: INestApplication): RouteInfo[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack.flatMap((layer) =>
    layer.route ? routeMethods(layer.route) : [],
  );
}

function routeMethods(route: { path: string; methods: Record<string, boolean> }): RouteInfo[] {
  return Object.keys(route.methods)
    .filter((method) => method !== '_all')
    .map((method) => ({ method: method.toUpperCase(), path: route.path }));
}

/** A TCP port nothing listens on right now. */
export { freePort } from '@activation/testing';

/** Runs `runCli` in this process with extra environment variables, collecting what it prints. */
export async function runCliWith(run: (argv: string[], print: (line: string) => void) => Promise<number>, argv: string[], env: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const lines: string[] = [];
  try {
    return { code: await run(argv, (line) => lines.push(line)), lines };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
