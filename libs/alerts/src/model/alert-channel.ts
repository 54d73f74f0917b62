import type { EncryptedSecrets } from '@activation/configuration';

export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'email'] as const;
export type AlertChannelKind = (typeof ALERT_CHANNEL_KINDS)[number];

/** Settings (not secret) and secret names of each channel kind. */
export interface WebhookChannelSettings {
  url: string;
}
export interface EmailChannelSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  from: string;
  to: string[];
}
export type AlertChannelSettings = WebhookChannelSettings | EmailChannelSettings | Record<string, never>;

/**
 * Secrets by kind: webhook `authorization` (optional, sent as the Authorization header);
 * slack `url` (an incoming-webhook URL is itself a credential); email `username`, `password`.
 */
export const CHANNEL_SECRET_NAMES: Record<AlertChannelKind, { required: string[]; optional: string[] }> = {
  webhook: { required: [], optional: ['authorization'] },
  slack: { required: ['url'], optional: [] },
  email: { required: [], optional: ['username', 'password'] },
};

export interface AlertChannel {
  id: number;
  subscriptionId: number;
  name: string;
  kind: AlertChannelKind;
  settings: AlertChannelSettings;
  secrets: EncryptedSecrets;
  createdAt: Date;
  updatedAt: Date;
}

/** Whose secrets these are; part of each envelope's authenticated data. */
export function alertChannelSecretOwner(channelId: number): string {
  return `alert-channel:${channelId}`;
}
