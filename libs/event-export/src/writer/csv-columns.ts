import type { ExportEvent } from '../store/export-event.repository';

/** Columns every exported row has, before the events' own properties. */
export const EVENT_COLUMNS = ['event_id', 'profile_id', 'event', 'occurred_at', 'received_at', 'source'] as const;

export interface CsvLayout {
  /** Column names, as written in the header row. */
  header: string[];
  /** Property names, in the order of the columns after the fixed ones. */
  properties: string[];
}

/** The fixed columns, then one column per property name; a property named like a fixed column is prefixed `properties.`. */
export function csvLayout(propertyKeys: readonly string[]): CsvLayout {
  const fixed = new Set<string>(EVENT_COLUMNS);
  return {
    header: [...EVENT_COLUMNS, ...propertyKeys.map((key) => (fixed.has(key) ? `properties.${key}` : key))],
    properties: [...propertyKeys],
  };
}

/** One CSV row: times as ISO 8601 (UTC), nested values as JSON, missing values empty. */
export function csvRow(event: ExportEvent, layout: CsvLayout): string[] {
  return [
    event.eventId, event.profileId, event.name, new Date(event.occurredAt).toISOString(), new Date(event.receivedAt).toISOString(), event.source,
    ...layout.properties.map((key) => cell(event.properties?.[key])),
  ];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
