import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ClassConstructor } from 'class-transformer';
import type { Logger } from 'pino';
import { ConfigValidationError, loadConfig, type PlatformSettings } from '@activation/config';
import { KafkaBatchTransport, MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { requestLogger } from '../logging/request-logger';
import { ScopedNestLogger } from '../logging/scoped-nest-logger';
import { ServiceLogScope } from '../logging/service-log-scope';
import { ROOT_LOGGER } from '../tokens/tokens';
import { startTracing } from '../tracing/tracing';

/** How to build one service; each app exports one of these from `src/service.ts`. */
export interface ServiceDefinition<S extends PlatformSettings = PlatformSettings> {
  serviceName: string;
  settings: ClassConstructor<S>;
  /** `env` is the environment the service was started with (the platform gives each service its own). */
  module: (settings: S, env?: NodeJS.ProcessEnv) => DynamicModule;
  /** Extra HTTP set-up (OpenAPI, pipes) before the server listens. */
  configure?: (app: INestApplication, settings: S) => void | Promise<void>;
}

export interface StartedService {
  app: INestApplication;
  settings: PlatformSettings;
  /** The service's logger: every line carries its name. */
  logger: Logger;
}

/**
 * Builds and starts one service from settings read from `env`: serves HTTP and starts its
 * consumers. Throws ConfigValidationError naming each bad variable. The service runs in a log
 * scope of its own, so Nest's lines about it carry its name even beside other services in one process.
 */
export async function startService<S extends PlatformSettings>(
  definition: ServiceDefinition<S>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedService> {
  const settings = loadConfig(definition.settings, env);
  startTracing(definition.serviceName, env);
  const scope = new ServiceLogScope();
  return scope.run(async () => {
    const app = await NestFactory.create(definition.module(settings, env), { bufferLogs: true });
    const logger = app.get<Logger>(ROOT_LOGGER);
    scope.use(logger);
    app.useLogger(new ScopedNestLogger(logger));
    app.use(requestLogger(logger));
    await definition.configure?.(app, settings);
    app.connectMicroservice(
      {
        strategy: new KafkaBatchTransport(app.get<MessageBus>(MESSAGE_BUS), {
          groupId: env['KAFKA_GROUP_ID'] ?? definition.serviceName,
          service: definition.serviceName,
          partitions: settings.KAFKA_TOPIC_PARTITIONS,
        }),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    await app.listen(settings.PORT, '0.0.0.0');
    logger.info(`${definition.serviceName} listening on port ${settings.PORT}`);
    return { app, settings, logger };
  });
}

/** A service as its own process: exits 1 on invalid settings, drains and exits 0 on SIGTERM / SIGINT. */
export async function runService<S extends PlatformSettings>(definition: ServiceDefinition<S>): Promise<INestApplication> {
  try {
    const service = await startService(definition);
    closeOnSignal([service], { timeoutMs: service.settings.SHUTDOWN_TIMEOUT_MS, logger: service.logger });
    return service.app;
  } catch (error) {
    if (error instanceof ConfigValidationError) exitWithConfigError(definition.serviceName, error);
    throw error;
  }
}

export function exitWithConfigError(service: string, error: ConfigValidationError): never {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service, msg: error.message, problems: error.problems })}\n`);
  process.exit(1);
}

export interface CloseOptions {
  /** Past this, exit 1: before the orchestrator's grace period ends. */
  timeoutMs: number;
  /** Writes "draining" and "stopped" (the service's logger, or the platform's for several). */
  logger: Logger;
  /** Runs once every service has closed (the platform stops its embedded Postgres). */
  afterClose?: () => Promise<void>;
}

/**
 * On SIGTERM / SIGINT: stop taking work, let consumers finish and commit their in-flight batch,
 * disconnect, log "stopped" with how long draining took, and exit 0. If draining hangs (a stuck
 * dependency) or fails, exit 1. The services of one process (the platform) close together: a
 * Kafka consumer's stop waits out its fetch in flight, so one after another they would outlast the timeout.
 */
export function closeOnSignal(services: StartedService[], options: CloseOptions): void {
  const { timeoutMs, logger, afterClose } = options;
  const close = (signal: NodeJS.Signals) => {
    process.removeListener('SIGTERM', close);
    process.removeListener('SIGINT', close);
    const started = performance.now();
    const drainMs = () => Math.round(performance.now() - started);
    setTimeout(() => {
      logger.error({ drainMs: drainMs() }, `draining did not finish within ${timeoutMs} ms, exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    logger.info(`${signal} received, draining`);
    const closeAll = async () => {
      await Promise.all(services.map(({ app, logger: own }) => ServiceLogScope.run(own, () => app.close())));
      await afterClose?.();
    };
    closeAll().then(
      () => {
        logger.info({ drainMs: drainMs() }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error, drainMs: drainMs() }, 'draining failed, exiting');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
