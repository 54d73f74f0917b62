import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';
import { createLogger } from './create-logger';

/** Every line a logger writes, kept in memory. */
function capture() {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
  return { logger: createLogger('logging-spec', 'debug', destination), output: () => lines.join('') };
}

const SECRET = (name: string) => `secret-value-${name}-4f9c`;

describe('createLogger', () => {
  it('writes one JSON line per entry with the service name and level label', () => {
    const { logger, output } = capture();
    logger.info({ audienceId: 'a-1' }, 'audience job created');
    expect(JSON.parse(output())).toMatchObject({ service: 'logging-spec', level: 'info', audienceId: 'a-1', msg: 'audience job created' });
  });

  it('redacts secret fields at the top level and one, two and more levels down, keeping the rest', () => {
    const { logger, output } = capture();
    logger.info({ secrets: { functionKey: SECRET('top-secrets') }, connectionString: SECRET('top-connection'), password: SECRET('top-password') }, 'top');
    logger.info({ destination: { id: 'd-1', secrets: { signingSecret: SECRET('one-secrets') }, settings: { connectionString: SECRET('one-connection') } } }, 'one');
    logger.warn({ subscription: { id: 7, destination: { secrets: { functionKey: SECRET('two-secrets') }, apiKey: SECRET('two-api-key') } } }, 'two');
    logger.error({ run: { call: { request: { headers: { 'x-functions-key': SECRET('deep-header'), authorization: `Bearer ${SECRET('deep-bearer')}` } } } } }, 'deep');
    logger.info({ destinations: [{ name: 'hub', secrets: { connectionString: SECRET('array-connection') } }] }, 'array');
    logger.child({ context: 'DeliveryEngine' }).info({ destination: { token: SECRET('child-token'), secret: SECRET('child-secret') } }, 'child');

    const text = output();
    expect(text).not.toMatch(/secret-value-/);
    const entries = text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    expect(entries.map((entry) => entry['msg'])).toEqual(['top', 'one', 'two', 'deep', 'array', 'child']);
    expect(entries[0]).toMatchObject({ secrets: '[REDACTED]', connectionString: '[REDACTED]', password: '[REDACTED]' });
    expect(entries[1]!['destination']).toEqual({ id: 'd-1', secrets: '[REDACTED]', settings: { connectionString: '[REDACTED]' } });
    expect(entries[2]!['subscription']).toEqual({ id: 7, destination: { secrets: '[REDACTED]', apiKey: '[REDACTED]' } });
    expect(entries[3]!['run'].call.request.headers).toEqual({ 'x-functions-key': '[REDACTED]', authorization: '[REDACTED]' });
    expect(entries[4]!['destinations']).toEqual([{ name: 'hub', secrets: '[REDACTED]' }]);
    expect(entries[5]).toMatchObject({ context: 'DeliveryEngine', destination: { token: '[REDACTED]', secret: '[REDACTED]' } });
  });

  it('redacts credentials in the request and response headers of HTTP request logs', async () => {
    const { logger, output } = capture();
    const requestLogger = pinoHttp({ logger });
    const server = createServer((request, response) => {
      requestLogger(request, response);
      response.setHeader('set-cookie', `session=${SECRET('set-cookie')}`);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/v1/audiences`, {
        headers: {
          'x-api-key': SECRET('api-key'),
          authorization: `Bearer ${SECRET('bearer')}`,
          'x-functions-key': SECRET('functions-key'),
          cookie: `session=${SECRET('cookie')}`,
          'x-request-id': 'request-1',
        },
      });
      expect(response.status).toBe(200);
      await response.text();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    const text = output();
    expect(text).not.toMatch(/secret-value-/);
    const entry = JSON.parse(text.trim().split('\n').pop()!) as { req: { url: string; headers: Record<string, string> }; res: { headers: Record<string, string> } };
    expect(entry.req.url).toBe('/v1/audiences');
    expect(entry.req.headers).toMatchObject({
      'x-api-key': '[REDACTED]',
      authorization: '[REDACTED]',
      'x-functions-key': '[REDACTED]',
      cookie: '[REDACTED]',
      'x-request-id': 'request-1',
    });
    expect(entry.res.headers['set-cookie']).toBe('[REDACTED]');
  });
});
