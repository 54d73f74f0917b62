import { validateDestinationSettings, validateSubscriptionSettings } from '@activation/configuration';
import type { DeliverySubscription } from '@activation/delivery';

export type ExportFormat = 'jsonl' | 'csv';

/** One subscription's export, read from its destination's and its own settings (seed 004's job options). */
export interface BlobExportConfig {
  container: string;
  /** Destination `prefix` followed by the subscription's `filePrefix`. */
  namePrefix: string;
  format: ExportFormat;
  delimiter: string;
  join: string;
  maxFileBytes: number;
  gzip: boolean;
  oneTime: boolean;
  /** "Existing users": the current members are exported first (the `backfill` initial sync). */
  existingUsers: boolean;
  flushIntervalMs: number;
  /** Output names of the projected fields, in the projection's order. */
  fields: string[];
}

export const BLOB_EXPORT_DEFAULTS = {
  format: 'jsonl' as ExportFormat,
  delimiter: ',',
  join: ',',
  /** Seed 004: "If left blank, the default is 5368709120 (5GB)". */
  maxFileBytes: 5_368_709_120,
  flushIntervalMs: 15 * 60_000,
};

export class BlobExportSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlobExportSettingsError';
  }
}

/** Throws a BlobExportSettingsError naming every problem when the settings are unusable. */
export function readBlobExportConfig(subscription: DeliverySubscription): BlobExportConfig {
  const errors = [
    ...validateDestinationSettings('blob-export', subscription.destination.settings, '$.destination.settings'),
    ...validateSubscriptionSettings('blob-export', subscription.settings, '$.settings'),
  ];
  if (errors.length > 0) throw new BlobExportSettingsError(errors.map((error) => `${error.path}: ${error.message}`).join('; '));
  const destination = subscription.destination.settings as { container: string; prefix?: string };
  const settings = subscription.settings as {
    format?: ExportFormat; filePrefix?: string; delimiter?: string; join?: string; maxFileBytes?: number;
    gzip?: boolean; oneTime?: boolean; flushIntervalMs?: number;
  };
  const existingUsers = subscription.initialSync === 'backfill';
  const oneTime = settings.oneTime ?? false;
  if (oneTime && !existingUsers) {
    throw new BlobExportSettingsError('a one-time export exports the existing members: the subscription needs the "backfill" initial sync');
  }
  const { fields, rename } = subscription.projection;
  return {
    container: destination.container,
    namePrefix: `${destination.prefix ?? ''}${settings.filePrefix ?? ''}`,
    format: settings.format ?? BLOB_EXPORT_DEFAULTS.format,
    delimiter: settings.delimiter === 'tab' ? '\t' : (settings.delimiter ?? BLOB_EXPORT_DEFAULTS.delimiter),
    join: settings.join ?? BLOB_EXPORT_DEFAULTS.join,
    maxFileBytes: settings.maxFileBytes ?? BLOB_EXPORT_DEFAULTS.maxFileBytes,
    gzip: settings.gzip ?? false,
    oneTime,
    existingUsers,
    flushIntervalMs: settings.flushIntervalMs ?? BLOB_EXPORT_DEFAULTS.flushIntervalMs,
    fields: fields.map((field) => rename?.[field] ?? field),
  };
}
