import { Transform } from 'node:stream';

/**
 * Joins small chunks (the CSV writer emits one per row) into chunks of about `bytes`, so gzip,
 * zip and encryption each work on fewer, larger pieces.
 */
export function coalesce(bytes = 64 * 1024): Transform {
  let pending: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      pending.push(buffer);
      size += buffer.length;
      if (size >= bytes) {
        this.push(Buffer.concat(pending, size));
        pending = [];
        size = 0;
      }
      done();
    },
    flush(done) {
      if (size > 0) this.push(Buffer.concat(pending, size));
      done();
    },
  });
}
