import type { DataSource } from 'typeorm';
import type { EncryptedSecrets } from '@activation/configuration';

export interface ExportDestinationRow {
  id: string;
  name: string;
  settings: unknown;
  secrets: EncryptedSecrets;
}

/** The enabled `event-export` destinations, read fresh on each scheduler tick. */
export async function loadExportDestinations(dataSource: DataSource): Promise<ExportDestinationRow[]> {
  return dataSource.query(
    `SELECT id, name, settings, secrets FROM destinations WHERE kind = 'event-export' AND enabled ORDER BY name`,
  );
}
