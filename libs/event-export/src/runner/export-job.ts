import {
  validateDestinationSettings, type EventExportCompression, type EventExportDestinationSettings, type EventExportPeriod,
} from '@activation/configuration';
import { DEFAULT_TIMESTAMP_FORMAT } from '../naming/blob-name';
import { startOfDate } from '../time/next-run';

/** One event-export destination with its settings resolved (defaults applied, dates as instants). */
export interface ExportJob {
  destinationId: string;
  name: string;
  container: string;
  fileName: string;
  timestampFormat: string;
  includeHeaders: boolean;
  compression: EventExportCompression;
  /** Event names; empty exports every stream. */
  streams: string[];
  /** Epoch ms, inclusive. */
  occurredFrom?: number;
  /** Epoch ms, exclusive. */
  occurredBefore?: number;
  keepUpdated: boolean;
  period: EventExportPeriod;
  timeOfDay?: string;
  timeZone: string;
}

export type ResolvedJob = { ok: true; job: ExportJob } | { ok: false; problems: string[] };

/** Checks stored settings again (they may predate a rule) and applies the defaults. */
export function resolveExportJob(destination: { id: string; name: string; settings: unknown }): ResolvedJob {
  const errors = validateDestinationSettings('event-export', destination.settings);
  if (errors.length > 0) return { ok: false, problems: errors.map((error) => `${error.path} ${error.message}`) };
  const settings = destination.settings as EventExportDestinationSettings;
  const timeZone = settings.timeZone ?? 'UTC';
  return {
    ok: true,
    job: {
      destinationId: destination.id,
      name: destination.name,
      container: settings.container,
      fileName: settings.fileName,
      timestampFormat: settings.timestampFormat ?? DEFAULT_TIMESTAMP_FORMAT,
      includeHeaders: settings.includeHeaders ?? false,
      compression: settings.compression ?? 'none',
      streams: settings.streams ?? [],
      ...(settings.startDate ? { occurredFrom: startOfDate(settings.startDate, timeZone) } : {}),
      ...(settings.endDate ? { occurredBefore: startOfDate(settings.endDate, timeZone) } : {}),
      keepUpdated: settings.keepUpdated ?? false,
      period: settings.period ?? 'daily',
      ...(settings.timeOfDay ? { timeOfDay: settings.timeOfDay } : {}),
      timeZone,
    },
  };
}
