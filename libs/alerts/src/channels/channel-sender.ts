import type { AlertChannelKind, AlertChannelSettings } from '../model/alert-channel';
import type { AlertNotification } from '../model/alert-notification';

/** A channel ready to send: settings and decrypted secrets. */
export interface ResolvedChannel {
  id: number;
  kind: AlertChannelKind;
  settings: AlertChannelSettings;
  secrets: Record<string, string>;
}

/** Sends one notification; throws when the receiver did not accept it. */
export type ChannelSender = (channel: ResolvedChannel, notification: AlertNotification, timeoutMs: number) => Promise<void>;
