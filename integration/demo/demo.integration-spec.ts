import { createServer, type AddressInfo } from 'node:net';
import { spawnTs } from '@activation/testing';

const DEMO = 'scripts/demo/main.ts';

/** `npm run demo`: the guided tour runs to the end on a platform of its own and says so. */
describe('the guided demo', () => {
  it('starts the platform, shows the backfills progressing and NEW / MODIFIED / REMOVED arriving, and exits 0', async () => {
    const demo = spawnTs(DEMO, { DEMO_STEP_TIMEOUT_MS: '120000' });
    const code = await demo.exited;
    const output = demo.output();
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('✔ Every expected delivery arrived') });

    const lines = output.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^ {3}profiles stored by the evaluator: 2,000 \/ 2,000 \(100%\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {3}audience backfill: 2,000 \/ 2,000 profiles evaluated \(100%\), 1,000 members$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {3}← test call received/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {3}initial sync: 1,000 \/ 1,000 members delivered \(100%\) in \d+ calls?$/));
    // Rows list the subscription's fields in its configured order (email, then tier).
    const deliveries = lines.filter((line) => /^ {3}← (NEW|MODIFIED|REMOVED) /.test(line));
    expect(deliveries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/← NEW +demo-\w+-newcomer email=newcomer@example\.com tier=gold/),
        expect.stringMatching(/← MODIFIED +demo-\w+-00000 email=customer-0\+new@example\.com tier=gold/),
        expect.stringMatching(/← REMOVED +demo-\w+-00002 email=customer-2@example\.com tier=gold/),
        expect.stringMatching(/← NEW +demo-\w+-00001 email=customer-1@example\.com tier=silver/),
      ]),
    );
  }, 600_000);

  it('exits 1 with a message naming what failed when the platform cannot be reached', async () => {
    const closed = await closedPort();
    const demo = spawnTs(DEMO, { DEMO_ADMIN_URL: `http://127.0.0.1:${closed}`, DEMO_ADMIN_KEY: 'unused' });
    expect(await demo.exited).toBe(1);
    expect(demo.output()).toContain(`✘ The demo failed: POST http://127.0.0.1:${closed}/v1/api-keys failed (ECONNREFUSED); is the platform running there?`);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
