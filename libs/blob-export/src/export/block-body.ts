import { gzipSync } from 'node:zlib';
import type { PendingRow } from './pending-row';

/**
 * The bytes of one block: the file's header when the block opens the file, then the rows.
 * Gzipped, each block is a whole gzip member; a file of concatenated members is one valid gzip
 * stream (RFC 1952), and no compressor state has to survive a crash.
 */
export function blockBody(header: Buffer | undefined, rows: readonly PendingRow[], gzip: boolean): Buffer {
  const plain = Buffer.concat([...(header ? [header] : []), ...rows.map((row) => row.line)]);
  return gzip ? gzipSync(plain) : plain;
}

/**
 * How many of `rows` go into the next block so that it fits in `room` bytes: exact for plain
 * blocks, by halving for gzipped ones (their size is known only once compressed). At least
 * one, even when that one does not fit (the caller then closes the file, or, in an empty file,
 * writes the row alone).
 */
export function fitBlock(header: Buffer | undefined, rows: readonly PendingRow[], gzip: boolean, room: number): { count: number; body: Buffer } {
  if (!gzip) {
    let size = header?.length ?? 0;
    let count = 0;
    while (count < rows.length && size + rows[count].line.length <= room) size += rows[count++].line.length;
    count = Math.max(count, 1);
    return { count, body: blockBody(header, rows.slice(0, count), false) };
  }
  let count = rows.length;
  let body = blockBody(header, rows, true);
  while (body.length > room && count > 1) {
    count = Math.ceil(count / 2);
    body = blockBody(header, rows.slice(0, count), true);
  }
  return { count, body };
}
