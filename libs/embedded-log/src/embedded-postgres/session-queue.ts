/** The part of PGlite the queue drives: one backend session shared by every client connection. */
export interface SharedSession {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}

interface QueuedMessage {
  connection: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

/**
 * Frontend messages after which the session still holds state of that connection: an extended-query
 * batch (Parse, Bind, Describe, Execute, Close, Flush) lives until its Sync, a COPY until its end.
 */
const CONTINUES_BATCH = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'd']);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Serializes the protocol messages of many client connections onto PGlite's single session, the
 * way a real server keeps sessions apart: once a connection starts an extended-query batch or a
 * transaction, only its messages run until the batch's Sync and the transaction's end.
 *
 * It replaces the queue of `@electric-sql/pglite-socket` 0.2, which interleaves batches of
 * different connections outside transactions (one connection's Bind then meets another's Parse:
 * "bind message supplies 3 parameters, but prepared statement "" requires 2") and stops for good
 * after one failed message (electric-sql/pglite#1046).
 */
export class SessionQueue {
  private readonly queue: QueuedMessage[] = [];
  private running = false;
  /** The connection the session belongs to until its batch or transaction ends. */
  private owner: number | null = null;

  constructor(private readonly db: SharedSession) {}

  enqueue(connection: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ connection, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** The connection closed: drop what it queued. */
  clearQueueForHandler(connection: number): void {
    for (let index = this.queue.length - 1; index >= 0; index -= 1) {
      if (this.queue[index].connection !== connection) continue;
      this.queue.splice(index, 1)[0].reject(new Error('connection closed'));
    }
  }

  /** The connection closed: end its unfinished batch and transaction so others can go on. */
  async clearTransactionIfNeeded(connection: number): Promise<void> {
    if (this.owner !== connection) return;
    try {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => undefined }));
      // exec() takes the session's lock itself.
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } catch {
      // The session is reset by the next connection's messages at worst; nothing to report to.
    }
    this.owner = null;
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.connection === this.owner);
        // The owner's next message has not arrived yet: the others wait for it.
        if (index < 0 || this.queue.length === 0) return;
        const [item] = this.queue.splice(index, 1);
        await this.run(item);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(item: QueuedMessage): Promise<void> {
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (data) => {
            bytes += data.length;
            item.onData(data);
          },
        }),
      );
    } catch (error) {
      this.owner = null;
      item.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const type = String.fromCharCode(item.message[0]);
    this.owner = CONTINUES_BATCH.has(type) || this.db.isInTransaction() ? item.connection : null;
    item.resolve(bytes);
  }
}
