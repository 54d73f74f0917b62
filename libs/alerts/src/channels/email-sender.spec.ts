import { createServer, type Server, type Socket } from 'node:net';
import { AddressPolicy } from '@activation/function-destination';
import type { AlertNotification } from '../model/alert-notification';
import { SmtpReceiver } from '../testing/alert-receivers';
import type { ResolvedChannel } from './channel-sender';
import { sendEmail } from './email-sender';

const credentials = { username: 'alerts', password: 'pw-email-spec' };
const notification: AlertNotification = {
  ruleId: 1, ruleName: 'lagging', kind: 'lag', status: 'firing', syncId: 7, subscriptionName: 'crm gold', summary: 'Delivery lagging.', at: '2026-01-05T09:30:00.000Z',
};
const channelTo = (host: string, port: number): ResolvedChannel => ({
  id: 1, kind: 'email', settings: { host, port, secure: false, from: 'alerts@example.com', to: ['ops@example.com'] }, secrets: credentials,
});

async function failureOf(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** An SMTP server that greets at once, then answers EHLO one line at a time, never finishing: each read comes well within the socket timeout. */
async function tricklingServer(lineEveryMs: number): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.write('220 slow.example ESMTP\r\n');
    socket.once('data', () => {
      const timer = setInterval(() => socket.write('250-still thinking\r\n'), lineEveryMs);
      socket.on('close', () => clearInterval(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, sockets };
}

describe('sendEmail', () => {
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    smtp = await SmtpReceiver.start(credentials);
  });

  afterAll(() => smtp?.close());

  it('refuses an SMTP host on an address DELIVERY_ALLOWED_PRIVATE_NETWORKS does not open, by IP or by name, and sends once it is opened', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const refused = await failureOf(sendEmail(channelTo(host, smtp.port), notification, { timeoutMs: 3_000, policy: AddressPolicy.fromSetting('') }));
      expect(refused.message).toMatch(new RegExp(`^refused to connect to ${host}: .*not allowed by configuration$`));
    }
    expect(smtp.messages).toEqual([]);

    await sendEmail(channelTo('localhost', smtp.port), notification, { timeoutMs: 3_000, policy: AddressPolicy.fromSetting('loopback') });
    expect(smtp.messages).toEqual([expect.objectContaining({ from: 'alerts@example.com', to: ['ops@example.com'], user: 'alerts' })]);
    expect(smtp.messages[0].raw).toContain('Subject: [FIRING] lagging');
  });

  it('gives up at one deadline for the whole send, even when the server keeps answering within each step\'s timeout', async () => {
    const slow = await tricklingServer(100);
    try {
      const started = Date.now();
      const failed = await failureOf(sendEmail(channelTo('127.0.0.1', slow.port), notification, { timeoutMs: 800, policy: AddressPolicy.fromSetting('loopback') }));
      expect(failed.message).toBe('no answer within 800 ms');
      // Settled at the deadline, not after the slow server's answer (which never ends).
      expect(Date.now() - started).toBeLessThan(5_000);
      // The connection it held is closed.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(slow.sockets.every((socket) => socket.destroyed || socket.readableEnded)).toBe(true);
    } finally {
      for (const socket of slow.sockets) socket.destroy();
      await new Promise((resolve) => slow.server.close(resolve));
    }
  });
});
