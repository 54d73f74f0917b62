import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTs, waitFor, waitForOutput, type TsProcess } from '@activation/testing';

const OFFSET = 47_000;
const SERVICES = ['admin-api', 'ingester', 'evaluator', 'emitter-eventhubs', 'emitter-lytics', 'function-invoker'];

interface LogLine {
  service?: string;
  msg?: string;
  context?: string;
  req?: { url?: string };
  res?: { statusCode?: number };
  drainMs?: number;
}

/** Six services share one process: each line still says which service wrote it. */
describe('platform logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'platform-logs-'));
  let platform: TsProcess | undefined;

  afterAll(() => {
    platform?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const lines = (): LogLine[] =>
    platform!
      .output()
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return []; // not JSON, or a line still being written
        }
      });

  it('labels request, lifecycle and framework lines with their own service, and shutdown with the platform', async () => {
    platform = spawnTs('apps/platform/src/main.ts', {
      ACTIVATION_DATA_DIR: dataDir, PLATFORM_PORT_OFFSET: String(OFFSET), KAFKA_BROKERS: '', DATABASE_URL: '', LOG_LEVEL: 'info',
    });
    await waitForOutput(platform!, 'platform ready', 120_000, 'the platform to start');

    for (const [index, service] of SERVICES.entries()) {
      expect(lines()).toContainEqual(expect.objectContaining({ service, msg: `${service} listening on port ${3000 + index + OFFSET}` }));
    }
    // Nest's own lines about a service's routes are that service's.
    expect(lines()).toContainEqual(expect.objectContaining({ service: 'ingester', context: 'RoutesResolver', msg: expect.stringContaining('IngestController') }));
    expect(lines()).toContainEqual(expect.objectContaining({ service: 'admin-api', context: 'RoutesResolver', msg: expect.stringContaining('AudiencesController') }));

    const refused = await fetch(`http://127.0.0.1:${3001 + OFFSET}/v1/profiles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"changes":[]}' });
    expect(refused.status).toBe(401);
    await refused.text();
    expect((await fetch(`http://127.0.0.1:${3000 + OFFSET}/v1/audiences`)).status).toBe(401);
    const requestLog = (url: string) => waitFor(async () => lines().find((line) => line.msg === 'request completed' && line.req?.url === url), 10_000, `the request log of ${url}`);
    expect(await requestLog('/v1/profiles')).toMatchObject({ service: 'ingester', res: { statusCode: 401 } });
    expect(await requestLog('/v1/audiences')).toMatchObject({ service: 'admin-api', res: { statusCode: 401 } });

    platform.child.kill('SIGTERM');
    const code = await platform.exited;
    expect({ code, output: code === 0 ? '' : platform.output() }).toEqual({ code: 0, output: '' });
    const shutdown = lines().filter((line) => line.msg === 'SIGTERM received, draining' || line.msg === 'stopped');
    expect(shutdown).toEqual([
      expect.objectContaining({ service: 'platform', msg: 'SIGTERM received, draining' }),
      expect.objectContaining({ service: 'platform', msg: 'stopped', drainMs: expect.any(Number) }),
    ]);
    expect(lines().filter((line) => line.service === undefined)).toEqual([]);
  }, 180_000);
});
