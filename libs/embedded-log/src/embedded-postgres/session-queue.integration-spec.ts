import { Client, Pool } from 'pg';
import { spawnTs, waitFor, type TsProcess } from '@activation/testing';

/** Many client connections on PGlite's one session, kept apart as a real server keeps sessions. */
describe('embedded Postgres with many connections', () => {
  let server: TsProcess;
  let url: string;
  let pool: Pool;

  beforeAll(async () => {
    // PGlite needs dynamic import(), which Jest's sandbox refuses: it runs as the launcher runs it.
    server = spawnTs('libs/embedded-log/src/embedded-postgres/serve-embedded-postgres.ts', { EMBEDDED_POSTGRES_PORT: '0', EMBEDDED_POSTGRES_MAX_CONNECTIONS: '16' });
    url = await waitFor(async () => /^ready (\S+)$/m.exec(server.output())?.[1], 60_000, 'the embedded Postgres');
    pool = new Pool({ connectionString: url, max: 8 });
    await pool.query('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)');
  });

  afterAll(async () => {
    await pool?.end();
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  it('keeps concurrent parameterized queries of different shapes apart', async () => {
    // A large parameter arrives in several reads, so other connections' messages come in between.
    const large = 'x'.repeat(300_000);
    const queries = Array.from({ length: 200 }, async (_, index) => {
      if (index % 2 === 0) return (await pool.query('SELECT $1::int AS value', [index])).rows[0].value;
      const { rows } = await pool.query('SELECT $1::int + $2::int - $2::int AS value, length($3::text) AS size', [index, 7, large]);
      expect(rows[0].size).toBe(large.length);
      return rows[0].value;
    });
    expect(await Promise.all(queries)).toEqual(Array.from({ length: 200 }, (_, index) => index));
  });

  it('runs nothing of another connection inside an open transaction', async () => {
    const writer = await pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('INSERT INTO items (id, label) VALUES ($1, $2)', [1, 'first']);
      let readDone = false;
      const read = pool.query('SELECT count(*)::int AS n FROM items').then((result) => {
        readDone = true;
        return result.rows[0].n;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(readDone).toBe(false);
      await writer.query('INSERT INTO items (id, label) VALUES ($1, $2)', [2, 'second']);
      await writer.query('COMMIT');
      expect(await read).toBe(2);
    } finally {
      writer.release();
    }
  });

  it('rolls back the transaction of a connection that went away, and the others go on', async () => {
    const leaving = new Client({ connectionString: url });
    await leaving.connect();
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO items (id, label) VALUES ($1, $2)', [3, 'never committed']);
    (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await leaving.end().catch(() => undefined);
    const { rows } = await pool.query('SELECT id FROM items WHERE id = $1', [3]);
    expect(rows).toEqual([]);
  });
});
