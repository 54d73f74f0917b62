import { createServer } from 'node:net';
import { postJson } from './post-json';

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
  it('never repeats the URL (a Slack-compatible URL is a secret) when the request cannot be sent', async () => {
    const port = await closedPort();
    const refused = await failureOf(postJson(`http://127.0.0.1:${port}/services/T0/B0/SECRETPATH`, {}, {}, 2_000));
    expect(refused.message).toBe('POST failed: ECONNREFUSED');

    const withCredentials = await failureOf(postJson(`http://user:SECRETPW@127.0.0.1:${port}/hook`, {}, {}, 2_000));
    expect(withCredentials.message).toMatch(/^POST failed: /);
    expect(withCredentials.message).not.toContain('SECRETPW');
  });
});
