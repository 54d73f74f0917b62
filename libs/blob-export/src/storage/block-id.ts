import { randomBytes } from 'node:crypto';

/**
 * A block id: Azure wants base64 ids of one length within a blob. The file and block numbers
 * say where it belongs; the random part keeps a block staged before a crash (and never
 * recorded) from being mistaken for the block staged in its place afterwards.
 */
export function blockId(fileNumber: number, blockNumber: number): string {
  const text = `${String(fileNumber).padStart(10, '0')}-${String(blockNumber).padStart(6, '0')}-${randomBytes(6).toString('hex')}`;
  return Buffer.from(text, 'utf8').toString('base64');
}
