import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { call, registeredRoutes, startAdminApi, type RunningAdminApi } from '../testing/admin-api-harness';

const PUBLIC_ROUTES = [/^\/health\//, /^\/metrics$/, /^\/docs(\/|$)/, /\*/];

describe('admin API OpenAPI document', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;

  beforeAll(async () => {
    schema = await createTestSchema();
    api = await startAdminApi({ DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes') });
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
  });

  it('is served at /docs/openapi.json and is a valid OpenAPI document', async () => {
    const reply = await call<Record<string, unknown>>(api.url, 'GET', '/docs/openapi.json');
    expect(reply.status).toBe(200);
    await expect(SwaggerParser.validate(structuredClone(reply.body) as never)).resolves.toBeDefined();
  });

  it('lists every route the router serves, with its security and problem responses', async () => {
    const document = (await call<{ paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>> }>(api.url, 'GET', '/docs/openapi.json')).body;
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = registeredRoutes(api.app)
      .filter((route) => !PUBLIC_ROUTES.some((pattern) => pattern.test(route.path)))
      .map((route) => `${route.method} ${route.path}`);
    expect(served.length).toBeGreaterThan(0);
    expect(new Set(documented)).toEqual(new Set(served));
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) {
        expect(operation.security).toEqual(expect.arrayContaining([{ 'api-key': [] }, { bearer: [] }]));
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
  });

  it('serves the browsable UI at /docs', async () => {
    const reply = await call(api.url, 'GET', '/docs');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toContain('text/html');
    expect(reply.text).toContain('swagger-ui');
  });
});
