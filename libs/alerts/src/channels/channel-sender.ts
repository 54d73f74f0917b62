import type { AddressPolicy } from '@activation/function-destination';
import type { AlertChannelKind, AlertChannelSettings } from '../model/alert-channel';
import type { AlertNotification } from '../model/alert-notification';

/** A channel ready to send: settings and decrypted secrets. */
export interface ResolvedChannel {
  id: number;
  kind: AlertChannelKind;
  settings: AlertChannelSettings;
  secrets: Record<string, string>;
}

export interface SendContext {
  /** Deadline of the whole send (name resolution, connection, exchange); never exceeded. */
  timeoutMs: number;
  /** Which addresses a channel may connect to (`DELIVERY_ALLOWED_PRIVATE_NETWORKS`, as for function destinations). */
  policy: AddressPolicy;
}

/** Sends one notification; throws when the receiver did not accept it. */
export type ChannelSender = (channel: ResolvedChannel, notification: AlertNotification, context: SendContext) => Promise<void>;
