import type { AlertChannelKind } from '../model/alert-channel';
import type { ChannelSender } from './channel-sender';
import { sendEmail } from './email-sender';
import { sendSlack } from './slack-sender';
import { sendWebhook } from './webhook-sender';

export const CHANNEL_SENDERS: Record<AlertChannelKind, ChannelSender> = {
  webhook: sendWebhook,
  slack: sendSlack,
  email: sendEmail,
};
