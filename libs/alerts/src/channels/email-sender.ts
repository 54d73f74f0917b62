import { isIP } from 'node:net';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import type { EmailChannelSettings } from '../model/alert-channel';
import { notificationText, notificationTitle } from '../model/alert-notification';
import { allowedAddress } from './allowed-address';
import type { ChannelSender } from './channel-sender';

/** nodemailer cancels a send on this signal (closing its connection); its type definitions do not list it yet. */
type CancellableMail = SendMailOptions & { signal: AbortSignal };

/**
 * One email over SMTP per notification; authenticates when the channel has a username. The SMTP
 * host must pass the address policy (connected to by the address checked, its name kept for TLS).
 * One deadline covers the whole send, name resolution included: each step's own timeout alone
 * would let a server that answers slowly but steadily hold it past the rule's notifying claim.
 */
export const sendEmail: ChannelSender = async (channel, notification, { timeoutMs, policy }) => {
  const settings = channel.settings as EmailChannelSettings;
  const expired = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  let transport: Transporter | undefined;
  const send = async () => {
    const address = await allowedAddress(settings.host, policy);
    if (expired.signal.aborted) return;
    const username = channel.secrets['username'];
    transport = createTransport({
      host: address,
      ...(isIP(settings.host) ? {} : { servername: settings.host }),
      port: settings.port,
      secure: settings.secure,
      auth: username ? { user: username, pass: channel.secrets['password'] ?? '' } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const mail: CancellableMail = {
      from: settings.from,
      to: settings.to,
      subject: notificationTitle(notification),
      text: `${notificationText(notification)}\n\nRule ${notification.ruleId} (${notification.kind}), changed at ${notification.at}.\n`,
      signal: expired.signal,
    };
    await transport.sendMail(mail);
  };
  try {
    await Promise.race([send(), deadline]);
  } finally {
    clearTimeout(timer);
    transport?.close();
  }
};
