import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { BOOTSTRAP_KEY, call, createKey, registeredRoutes, startAdminApi, type RouteInfo, type RunningAdminApi } from '../testing/admin-api-harness';

/** Routes anyone may call: probes, metrics, the API description. */
const PUBLIC_ROUTES = [/^\/health\//, /^\/metrics$/, /^\/docs(\/|$)/];
/** Middleware mounted on every path (request logging) appears as wildcard routes; it serves nothing itself. */
const MIDDLEWARE_ROUTE = /\*/;
const ROLES = ['admin', 'ingest', 'read-only'] as const;

/** The policy under test: reads for admin and read-only keys, every change for admin keys only. */
function allowedRoles(route: RouteInfo): readonly string[] {
  return route.method === 'GET' ? ['admin', 'read-only'] : ['admin'];
}

/** A concrete URL for a route pattern; ids that exist nowhere, so no request changes anything. */
function concretePath(path: string): string {
  return path.replace(/:id\b/g, path.startsWith('/v1/subscriptions') || path.startsWith('/v1/dead-letters') ? '987654' : '00000000-0000-4000-8000-000000000000');
}

describe('admin API authorization matrix (every route × every role × no key / bad key)', () => {
  let schema: TestSchema;
  let api: RunningAdminApi;
  let routes: RouteInfo[];
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    schema = await createTestSchema();
    api = await startAdminApi({ DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes') });
    for (const role of ROLES) keys[role] = (await createKey(api.url, `matrix-${role}`, [role])).key;
    routes = registeredRoutes(api.app).filter((route) => !MIDDLEWARE_ROUTE.test(route.path) && !PUBLIC_ROUTES.some((pattern) => pattern.test(route.path)));
  });

  afterAll(async () => {
    await api?.close();
    await schema?.drop();
  });

  it('finds every admin route in the router', () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(routes.every((route) => route.path.startsWith('/v1/'))).toBe(true);
  });

  it('refuses every route without a key, with a bad key and with a revoked key (401 problem)', async () => {
    const revoked = await createKey(api.url, 'matrix-revoked', ['admin']);
    expect((await call(api.url, 'POST', `/v1/api-keys/${revoked.id}/revoke`, { key: BOOTSTRAP_KEY })).status).toBe(200);
    const failures: string[] = [];
    for (const route of routes) {
      for (const [label, key] of [['no key', undefined], ['bad key', 'ak_00000000_not-a-real-key-but-long-enough-xx'], ['revoked key', revoked.key]] as const) {
        const reply = await call(api.url, route.method, concretePath(route.path), { key, body: route.method === 'GET' ? undefined : {} });
        if (reply.status !== 401 || !reply.contentType.startsWith('application/problem+json')) {
          failures.push(`${route.method} ${route.path} with ${label}: ${reply.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets each role through exactly where the policy allows it (403 problem elsewhere)', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const reply = await call(api.url, route.method, concretePath(route.path), { key: keys[role], body: route.method === 'GET' ? undefined : {} });
        const allowed = allowedRoles(route).includes(role);
        const denied = reply.status === 403;
        if (allowed === denied || reply.status === 401 || reply.status >= 500) failures.push(`${route.method} ${route.path} as ${role}: ${reply.status}`);
        if (denied && !reply.contentType.startsWith('application/problem+json')) failures.push(`${route.method} ${route.path}: 403 is not problem+json`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('accepts the key as a bearer token too', async () => {
    const response = await fetch(`${api.url}/v1/audiences`, { headers: { authorization: `Bearer ${keys['read-only']}` } });
    expect(response.status).toBe(200);
  });
});
