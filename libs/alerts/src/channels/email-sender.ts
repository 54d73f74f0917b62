import { createTransport } from 'nodemailer';
import type { EmailChannelSettings } from '../model/alert-channel';
import { notificationText, notificationTitle } from '../model/alert-notification';
import type { ChannelSender } from './channel-sender';

/** One email over SMTP per notification; authenticates when the channel has a username. */
export const sendEmail: ChannelSender = async (channel, notification, timeoutMs) => {
  const settings = channel.settings as EmailChannelSettings;
  const username = channel.secrets['username'];
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: username ? { user: username, pass: channel.secrets['password'] ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: notificationTitle(notification),
      text: `${notificationText(notification)}\n\nRule ${notification.ruleId} (${notification.kind}), changed at ${notification.at}.\n`,
    });
  } finally {
    transport.close();
  }
};
