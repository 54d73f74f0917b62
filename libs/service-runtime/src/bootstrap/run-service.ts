import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ClassConstructor } from 'class-transformer';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ConfigValidationError, loadConfig, type PlatformSettings } from '@activation/config';
import { KafkaBatchTransport, MESSAGE_BUS, type MessageBus } from '@activation/kafka';
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
}

/**
 * Builds and starts one service from settings read from `env`: serves HTTP and starts its
 * consumers. Throws ConfigValidationError naming each bad variable.
 */
export async function startService<S extends PlatformSettings>(
  definition: ServiceDefinition<S>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedService> {
  const settings = loadConfig(definition.settings, env);
  startTracing(definition.serviceName, env);
  const app = await NestFactory.create(definition.module(settings, env), { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
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
  app.get(PinoNestLogger).log(`${definition.serviceName} listening on port ${settings.PORT}`);
  return { app, settings };
}

/** A service as its own process: exits 1 on invalid settings, drains and exits 0 on SIGTERM / SIGINT. */
export async function runService<S extends PlatformSettings>(definition: ServiceDefinition<S>): Promise<INestApplication> {
  try {
    const { app, settings } = await startService(definition);
    closeOnSignal([app], settings.SHUTDOWN_TIMEOUT_MS);
    return app;
  } catch (error) {
    if (error instanceof ConfigValidationError) exitWithConfigError(definition.serviceName, error);
    throw error;
  }
}

export function exitWithConfigError(service: string, error: ConfigValidationError): never {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service, msg: error.message, problems: error.problems })}\n`);
  process.exit(1);
}

/**
 * On SIGTERM / SIGINT: stop taking work, let consumers finish and commit their in-flight batch,
 * disconnect, and exit 0. If draining hangs (a stuck dependency), exit 1 before the
 * orchestrator's grace period ends. The apps of one process (the platform) close together: a Kafka
 * consumer's stop waits out its fetch in flight, so one after another they would outlast the timeout.
 */
export function closeOnSignal(apps: INestApplication[], timeoutMs: number, afterClose?: () => Promise<void>): void {
  const close = (signal: NodeJS.Signals) => {
    process.removeListener('SIGTERM', close);
    process.removeListener('SIGINT', close);
    setTimeout(() => process.exit(1), timeoutMs).unref();
    apps[0]?.get(PinoNestLogger).log(`${signal} received, draining`);
    const closeAll = async () => {
      await Promise.all(apps.map((app) => app.close()));
      await afterClose?.();
    };
    closeAll().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
