import { createTestSchema, spawnTs, waitFor, type TestSchema } from '@activation/testing';

const SERVICES = ['ingester', 'evaluator', 'emitter-eventhubs', 'emitter-lytics', 'function-invoker', 'admin-api'];

describe('service start-up', () => {
  let schema: TestSchema;

  beforeAll(async () => {
    schema = await createTestSchema();
  });

  afterAll(() => schema.drop());

  it.each(SERVICES)('%s exits at start-up naming each invalid variable', async (service) => {
    const app = spawnTs(`apps/${service}/src/main.ts`, { PORT: 'not-a-port', KAFKA_BROKERS: 'no-port-here' });
    expect(await app.exited).toBe(1);
    const fatal = app.output().split('\n').find((line) => line.includes('"fatal"'));
    expect(fatal).toBeDefined();
    const problems = JSON.parse(fatal!).problems.map((p: { variable: string }) => p.variable);
    expect(problems).toEqual(expect.arrayContaining(['PORT', 'KAFKA_BROKERS']));
  });

  it('every service boots, reports ready against Kafka and Postgres, serves metrics, and stops cleanly on SIGTERM', async () => {
    const apps = SERVICES.map((service, index) => {
      const port = 39100 + index;
      return { service, port, process: spawnTs(`apps/${service}/src/main.ts`, { PORT: String(port), DATABASE_SCHEMA: schema.name }) };
    });
    for (const app of apps) {
      const ready = await waitFor(
        async () => {
          const response = await fetch(`http://127.0.0.1:${app.port}/health/ready`);
          return response.ok ? ((await response.json()) as { details: Record<string, { status: string }> }) : undefined;
        },
        60_000,
        `${app.service} readiness`,
      );
      expect(ready.details).toEqual({ kafka: { status: 'up' }, postgres: { status: 'up' } });
      const metrics = await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text();
      expect(metrics).toContain(`service="${app.service}"`);
      expect((await fetch(`http://127.0.0.1:${app.port}/health/live`)).status).toBe(200);
    }
    for (const app of apps) app.process.child.kill('SIGTERM');
    const codes = await Promise.all(apps.map((app) => app.process.exited));
    expect(codes).toEqual(SERVICES.map(() => 0));
    for (const app of apps) {
      const lines = app.process.output().split('\n').filter((line) => line.startsWith('{'));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
