import type { EventExportCompression } from '@activation/configuration';
import { localTimeOf } from '../time/zoned-time';

export const DEFAULT_TIMESTAMP_FORMAT = 'YYYYMMDD-HHmmss';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Renders a format of YYYY MM DD HH mm ss SSS tokens (`MM` month, `mm` minute); other characters stay. */
export function formatTimestamp(instant: number, format: string, timeZone: string): string {
  const local = localTimeOf(instant, timeZone);
  const tokens: Record<string, string> = {
    YYYY: pad(local.year, 4), MM: pad(local.month, 2), DD: pad(local.day, 2),
    HH: pad(local.hour, 2), mm: pad(local.minute, 2), ss: pad(local.second, 2), SSS: pad(local.millisecond, 3),
  };
  return format.replace(/YYYY|MM|DD|HH|mm|ss|SSS/g, (token) => tokens[token]);
}

export interface ExportFileName {
  /** The blob's full name. */
  blob: string;
  /** The CSV file's own name, used for the entry inside a zip archive. */
  csv: string;
}

/**
 * The blob name of one run: the pattern with `{TIMESTAMP}` replaced, a leading `/` dropped, and the
 * extension added (`.csv`, `.csv.gz` or `.zip`, then `.pgp` when encrypted).
 */
export function exportFileName(
  pattern: string, timestamp: string, options: { compression: EventExportCompression; encrypted: boolean },
): ExportFileName {
  const base = pattern.replaceAll('{TIMESTAMP}', timestamp).replace(/^\/+/, '');
  const csv = `${base.slice(base.lastIndexOf('/') + 1)}.csv`;
  const extension = { none: '.csv', gzip: '.csv.gz', zip: '.zip' }[options.compression];
  return { blob: `${base}${extension}${options.encrypted ? '.pgp' : ''}`, csv };
}
