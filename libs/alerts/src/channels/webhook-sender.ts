import type { WebhookChannelSettings } from '../model/alert-channel';
import type { ChannelSender } from './channel-sender';
import { postJson } from './post-json';

/** `{ "alert": { ruleId, ruleName, kind, status, syncId, subscriptionName, summary, at } }`, with the optional Authorization secret. */
export const sendWebhook: ChannelSender = async (channel, notification, { timeoutMs, policy }) => {
  const { url } = channel.settings as WebhookChannelSettings;
  const authorization = channel.secrets['authorization'];
  await postJson(url, { alert: notification }, { headers: authorization ? { authorization } : {}, timeoutMs, policy });
};
