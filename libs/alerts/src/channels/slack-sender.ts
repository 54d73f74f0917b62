import { notificationText } from '../model/alert-notification';
import type { ChannelSender } from './channel-sender';
import { postJson } from './post-json';

/** A Slack-compatible incoming webhook: `{ "text": "..." }` to the secret URL. */
export const sendSlack: ChannelSender = async (channel, notification, { timeoutMs, policy }) => {
  const icon = notification.status === 'firing' ? ':rotating_light:' : ':white_check_mark:';
  await postJson(channel.secrets['url'], { text: `${icon} ${notificationText(notification)}` }, { timeoutMs, policy });
};
