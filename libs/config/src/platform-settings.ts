import { ArrayNotEmpty, IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { SecretSetting } from './secret-setting';
import { ToInt, ToList } from './transforms';

/** Settings every service shares. Defaults suit a developer machine running scripts/ services. */
export class PlatformSettings {
  @IsInt()
  @Min(1)
  @Max(65535)
  @ToInt()
  PORT = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `kafka` (the default) or `embedded`: an append-only log in the platform's own Postgres, for
   * running everything on one machine without a broker (see libs/embedded-log).
   */
  @IsIn(['kafka', 'embedded'])
  MESSAGE_BUS: 'kafka' | 'embedded' = 'kafka';

  @ArrayNotEmpty()
  @Matches(/^[\w.-]+:\d{1,5}$/, { each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  @ToList()
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsInt()
  @Min(1)
  @Max(1000)
  @ToInt()
  KAFKA_TOPIC_PARTITIONS = 6;

  @IsInt()
  @Min(1)
  @Max(100)
  @ToInt()
  KAFKA_HANDLER_MAX_ATTEMPTS = 5;

  @IsInt()
  @Min(1)
  @ToInt()
  KAFKA_RETRY_INITIAL_MS = 200;

  @IsInt()
  @Min(1)
  @ToInt()
  KAFKA_RETRY_MAX_MS = 10_000;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  @SecretSetting()
  DATABASE_URL = 'postgres://activation:activation@127.0.0.1:5432/activation';

  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA = 'public';

  @IsInt()
  @Min(1)
  @Max(100)
  @ToInt()
  DATABASE_POOL_SIZE = 10;

  @IsInt()
  @Min(1000)
  @ToInt()
  SHUTDOWN_TIMEOUT_MS = 25_000;

  @IsString()
  SERVICE_INSTANCE = process.env['HOSTNAME'] ?? 'local';
}
