import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, loadConfig } from '@activation/config';
import { ConfigurationSettings } from '@activation/configuration';
import { applyCommand, createApiKeyCommand, rotateSecretsCommand, watchCommand, type Print } from './cli-commands';
import { CliModule } from './cli.module';

const USAGE = `usage: npm run cli -- <command>
  apply -f <file.yaml|file.json>     create or update audiences, destinations and subscriptions
  rotate-secrets [--check]           re-encrypt secrets under SECRETS_ACTIVE_KEY_ID
  create-api-key --name <n> --role <admin|ingest|read-only> [--role ...]
  watch                              print configuration changes as a service sees them`;

/**
 * The admin CLI. It connects to Postgres and Kafka with the same settings as the services
 * (DATABASE_URL, KAFKA_BROKERS, SECRETS_KEYS, ...) and logs only errors unless LOG_LEVEL says otherwise.
 */
export async function runCli(argv: string[], print: Print = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { file: { type: 'string', short: 'f' }, check: { type: 'boolean' }, name: { type: 'string' }, role: { type: 'string', multiple: true } },
  });
  const command = positionals[0];
  const file = values.file;
  if (!command || !['apply', 'rotate-secrets', 'create-api-key', 'watch'].includes(command) || (command === 'apply' && !file)) {
    print(USAGE);
    return 1;
  }
  let settings: ConfigurationSettings;
  try {
    settings = loadConfig(ConfigurationSettings, { LOG_LEVEL: 'error', ...process.env });
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    print(error.message);
    return 1;
  }
  const app = await NestFactory.createApplicationContext(CliModule.register(settings, { startCache: command === 'watch' }), { logger: ['error', 'warn'] });
  try {
    await app.init();
    switch (command) {
      case 'apply':
        return await applyCommand(app, file ?? '', print);
      case 'rotate-secrets':
        return await rotateSecretsCommand(app, values.check ?? false, print);
      case 'create-api-key':
        return await createApiKeyCommand(app, values.name, values.role ?? [], print);
      default:
        return await watchCommand(app, print);
    }
  } finally {
    await app.close();
  }
}
