import { createServer } from 'node:net';
import { AddressPolicy } from '@activation/function-destination';
import { HttpReceiver } from '../testing/alert-receivers';
import { postJson } from './post-json';

const loopbackAllowed = AddressPolicy.fromSetting('loopback');

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failureOf(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('postJson', () => {
  let receiver: HttpReceiver;

  beforeAll(async () => {
    receiver = await HttpReceiver.start();
  });

  afterAll(() => receiver?.close());

  it('never repeats the URL (a Slack-compatible URL is a secret) when the request cannot be sent', async () => {
    const port = await closedPort();
    const refused = await failureOf(postJson(`http://127.0.0.1:${port}/services/T0/B0/SECRETPATH`, {}, { timeoutMs: 2_000, policy: loopbackAllowed }));
    expect(refused.message).toBe('POST failed: ECONNREFUSED');

    const withCredentials = await failureOf(postJson(`http://user:SECRETPW@127.0.0.1:${port}/hook`, {}, { timeoutMs: 2_000, policy: loopbackAllowed }));
    expect(withCredentials.message).toMatch(/^POST failed: /);
    expect(withCredentials.message).not.toContain('SECRETPW');
  });

  it('refuses a loopback, private or metadata receiver that DELIVERY_ALLOWED_PRIVATE_NETWORKS does not open, before sending anything', async () => {
    const url = receiver.url('/services/T0/B0/SECRETPATH');
    for (const setting of ['', 'private', '10.0.0.0/8']) {
      const refused = await failureOf(postJson(url, { text: 'x' }, { timeoutMs: 2_000, policy: AddressPolicy.fromSetting(setting) }));
      expect(refused.message).toMatch(/^POST failed: refused to connect to 127\.0\.0\.1: .*not allowed by configuration$/);
      expect(refused.message).not.toContain('SECRETPATH');
    }
    const metadata = await failureOf(postJson('http://169.254.169.254/latest/meta-data', {}, { timeoutMs: 2_000, policy: AddressPolicy.fromSetting('link-local') }));
    expect(metadata.message).toBe('POST failed: refused to connect to 169.254.169.254: 169.254.169.254 is a cloud metadata address');
    const byName = await failureOf(postJson(url.replace('127.0.0.1', 'localhost'), {}, { timeoutMs: 2_000, policy: AddressPolicy.fromSetting('') }));
    expect(byName.message).toMatch(/^POST failed: refused to connect to localhost: it resolves to /);
    expect(receiver.requests).toEqual([]);

    await postJson(url, { text: 'allowed' }, { headers: { authorization: 'Bearer t' }, timeoutMs: 2_000, policy: loopbackAllowed });
    expect(receiver.requests).toEqual([
      expect.objectContaining({ path: '/services/T0/B0/SECRETPATH', body: { text: 'allowed' }, headers: expect.objectContaining({ authorization: 'Bearer t' }) }),
    ]);
  });

  it('reports a non-2xx answer with its status and the start of its body', async () => {
    receiver.failNext = 1;
    const failed = await failureOf(postJson(receiver.url('/hook'), {}, { timeoutMs: 2_000, policy: loopbackAllowed }));
    expect(failed.message).toBe('HTTP 500: not now');
  });
});
