import type { DataSource } from 'typeorm';

/**
 * The NOTIFY channel that wakes dispatchers when rows are queued. It names the schema, so
 * deployments (and test schemas) sharing one database do not wake each other.
 */
export function stagingChannel(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  return `delivery_staged_${schema}`.slice(0, 63);
}
