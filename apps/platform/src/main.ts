import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { ConfigValidationError, loadConfig, PlatformSettings } from '@activation/config';
import { createDataSource, migrate } from '@activation/persistence';
import { closeOnSignal, createLogger, exitWithConfigError, ScopedNestLogger, startService, type StartedService } from '@activation/service-runtime';
import { resolvePlatformEnvironment } from './embedded-defaults';
import { PLATFORM_SERVICES } from './services';

/**
 * The whole platform in one process: the schema is migrated, then every service starts on its
 * own port, sharing the database and the message log (embedded by default, see embedded-defaults).
 */
async function main(): Promise<void> {
  const platform = await resolvePlatformEnvironment(process.env);
  const settings = loadConfig(PlatformSettings, platform.env);
  const dataSource = createDataSource({ url: settings.DATABASE_URL, schema: settings.DATABASE_SCHEMA, poolSize: 1, applicationName: 'migrate' });
  await dataSource.initialize();
  const applied = await migrate(dataSource, settings.DATABASE_SCHEMA);
  await dataSource.destroy();
  process.stdout.write(`${JSON.stringify({ level: 'info', service: 'platform', msg: `${platform.describe}; migrations applied: ${applied.length}` })}\n`);

  // PLATFORM_PORT_OFFSET shifts every port, e.g. to run a second platform beside the first.
  const offset = Number(platform.env['PLATFORM_PORT_OFFSET'] ?? 0);
  // Each service keeps a consumer group of its own; KAFKA_GROUP_PREFIX keeps two platforms on one broker apart.
  const groupPrefix = platform.env['KAFKA_GROUP_PREFIX'] ?? '';
  const services: StartedService[] = [];
  for (const { definition, port } of PLATFORM_SERVICES) {
    try {
      const service = await startService(definition as never, {
        ...platform.env,
        PORT: String(port + offset),
        KAFKA_GROUP_ID: `${groupPrefix}${definition.serviceName}`,
        ...(groupPrefix ? { INGEST_RAW_GROUP_ID: `${groupPrefix}ingester-raw` } : {}),
      });
      services.push(service);
    } catch (error) {
      if (error instanceof ConfigValidationError) exitWithConfigError(definition.serviceName, error);
      throw error;
    }
  }
  // Each service logs under its own name; what belongs to none of them (the shutdown) is the platform's.
  const logger = createLogger('platform', settings.LOG_LEVEL);
  NestLogger.overrideLogger(new ScopedNestLogger(logger));
  closeOnSignal(services, { timeoutMs: settings.SHUTDOWN_TIMEOUT_MS, logger, afterClose: async () => platform.embeddedPostgres?.stop() });
  process.stdout.write(
    `${JSON.stringify({
      level: 'info',
      service: 'platform',
      msg: `platform ready: admin API http://127.0.0.1:${3000 + offset}/docs, ingester http://127.0.0.1:${3001 + offset}`,
      ...(platform.adminKeyFile ? { adminKeyFile: platform.adminKeyFile } : {}),
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'platform', msg: (error as Error).stack ?? String(error) })}\n`);
  process.exit(1);
});
