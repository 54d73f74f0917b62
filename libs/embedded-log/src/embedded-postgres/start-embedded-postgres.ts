import { SessionQueue, type SharedSession } from './session-queue';

export interface EmbeddedPostgresOptions {
  /** Where the database lives between runs; omitted: in memory, gone when stopped. */
  dataDir?: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /**
   * Concurrent client connections accepted. PGlite runs one backend and queues the queries of
   * all connections (a transaction holds the others back until it ends); the server's default
   * of one connection makes a pool with several connections fail with ECONNRESET.
   */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** A postgres:// URL for the ordinary `pg` driver and TypeORM. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Gives the server a queue that keeps each connection's batches and transactions whole (see SessionQueue). */
function useSessionQueue(server: object, db: SharedSession): void {
  if (!('queryQueue' in server)) throw new Error('@electric-sql/pglite-socket no longer has the queue this launcher replaces');
  (server as { queryQueue: unknown }).queryQueue = new SessionQueue(db);
}

/**
 * Starts PGlite (Postgres compiled to WebAssembly, in this process) and serves it on a loopback
 * port over the Postgres wire protocol, so the platform talks to it exactly as to a real server.
 * Startup parameters such as `-c search_path=...` are not applied: use the `public` schema.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new RangeError(`invalid port ${options.port}`);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, host, port: options.port, maxConnections: options.maxConnections ?? 32 });
  useSessionQueue(server, db);
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(':').pop());
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    port,
    stop: () => {
      stopped ??= server.stop().then(() => db.close());
      return stopped;
    },
  };
}
