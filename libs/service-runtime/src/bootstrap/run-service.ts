import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ClassConstructor } from 'class-transformer';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ConfigValidationError, loadConfig, type PlatformSettings } from '@activation/config';
import { KafkaBatchTransport, MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { SETTINGS } from '../tokens/tokens';

export interface RunServiceOptions<S extends PlatformSettings> {
  serviceName: string;
  settings: ClassConstructor<S>;
  module: (settings: S) => DynamicModule;
  /** Extra HTTP set-up (OpenAPI, pipes) before the server listens. */
  configure?: (app: INestApplication, settings: S) => void | Promise<void>;
}

/**
 * Starts one service: validates its settings (exiting with a message naming each bad variable),
 * serves HTTP, starts its Kafka consumers, and shuts down in order on SIGTERM / SIGINT.
 */
export async function runService<S extends PlatformSettings>(options: RunServiceOptions<S>): Promise<INestApplication> {
  let settings: S;
  try {
    settings = loadConfig(options.settings);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(
        `${JSON.stringify({ level: 'fatal', service: options.serviceName, msg: error.message, problems: error.problems })}\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create(options.module(settings), { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  await options.configure?.(app, settings);
  app.connectMicroservice(
    {
      strategy: new KafkaBatchTransport(app.get<MessageBus>(MESSAGE_BUS), {
        groupId: process.env['KAFKA_GROUP_ID'] ?? options.serviceName,
        service: options.serviceName,
        partitions: app.get<S>(SETTINGS).KAFKA_TOPIC_PARTITIONS,
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(settings.PORT, '0.0.0.0');
  closeOnSignal(app, settings.SHUTDOWN_TIMEOUT_MS);
  app.get(PinoNestLogger).log(`${options.serviceName} listening on port ${settings.PORT}`);
  return app;
}

/**
 * On SIGTERM / SIGINT: stop taking work, let consumers finish and commit their in-flight batch,
 * disconnect, and exit 0. If draining hangs (a stuck dependency), exit 1 before the
 * orchestrator's grace period ends.
 */
function closeOnSignal(app: INestApplication, timeoutMs: number): void {
  const close = (signal: NodeJS.Signals) => {
    process.removeListener('SIGTERM', close);
    process.removeListener('SIGINT', close);
    setTimeout(() => process.exit(1), timeoutMs).unref();
    app.get(PinoNestLogger).log(`${signal} received, draining`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
