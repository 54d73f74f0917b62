import type { SecretCipher } from '@activation/configuration';
import { BlobCsvConnector } from '../blob/blob-csv-connector';
import type { BlobCsvSettings } from '../blob/blob-csv-settings';
import { FunctionConnector } from '../function/function-connector';
import { pullSourceSecretOwner, type FunctionSourceSettings, type PullSource } from '../model/pull-source';
import { sqlConnectionStringProblem } from '../sql/connection-string';
import { PostgresDialect } from '../sql/postgres-dialect';
import { PostgresExecutor } from '../sql/sql-executor';
import type { SqlSourceSettings } from '../sql/sql-source-settings';
import { SqlTableConnector } from '../sql/sql-table-connector';
import { SourceRunError, type SourceConnector } from './source-page';

/** Connector kinds beyond the function source register here (SQL, Blob CSV). */
export type ConnectorBuilder = (source: PullSource, secrets: Record<string, string>) => SourceConnector;

export class ConnectorFactory {
  private readonly builders = new Map<string, ConnectorBuilder>();

  constructor(private readonly cipher: SecretCipher) {
    this.register('function', (source, secrets) =>
      new FunctionConnector({ settings: source.settings as unknown as FunctionSourceSettings, secrets, agent: agentOf(source) }),
    );
    this.register('sql', (source, secrets) => {
      const settings = source.settings as unknown as SqlSourceSettings;
      if (settings.dialect !== 'postgres') return unavailable(`the ${settings.dialect} dialect generates its SQL but has no database client in this build`);
      const connectionString = secrets['connectionString'];
      if (connectionString === undefined) return unavailable('the secret connectionString is not set');
      const problem = sqlConnectionStringProblem('postgres', connectionString);
      if (problem) return unavailable(`the secret connectionString ${problem}`);
      const executor = new PostgresExecutor(connectionString, settings.queryTimeoutMs ?? 30_000);
      return new SqlTableConnector(settings, new PostgresDialect(), executor);
    });
    this.register('blob-csv', (source, secrets) =>
      BlobCsvConnector.fromConnectionString(source.settings as unknown as BlobCsvSettings, secrets['connectionString'] ?? ''),
    );
  }

  register(kind: string, builder: ConnectorBuilder): void {
    this.builders.set(kind, builder);
  }

  create(source: PullSource): SourceConnector {
    const builder = this.builders.get(source.kind);
    if (!builder) throw new Error(`no connector for pull sources of kind ${source.kind}`);
    let secrets: Record<string, string>;
    try {
      secrets = this.cipher.decryptAll(source.secrets, pullSourceSecretOwner(source.id));
    } catch (error) {
      return unavailable(`the source's secrets cannot be read: ${(error as Error).message}`);
    }
    return builder(source, secrets);
  }
}

export function agentOf(source: Pick<PullSource, 'id' | 'name'>): string {
  return `Activation Pull Source/${source.id}/${source.name}`;
}

/** A connector that fails every run with the reason (recorded on the run like any other error). */
function unavailable(reason: string): SourceConnector {
  return {
    nextPage: async () => { throw new SourceRunError(reason, 'ConnectorUnavailable'); },
    test: async () => ({ ok: false, message: reason }),
  };
}
