import { Readable } from 'node:stream';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('joins small chunks into larger ones without losing or reordering bytes', async () => {
    const pieces = Array.from({ length: 1_000 }, (_, i) => `row ${i}\n`);
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from(pieces).pipe(coalesce(1_024))) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(pieces.join(''));
    expect(chunks.length).toBeLessThan(12);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length >= 1_024)).toBe(true);
  });
});
