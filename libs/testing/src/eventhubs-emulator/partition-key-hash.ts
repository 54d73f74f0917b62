/**
 * Maps a partition key to a partition index the way Event Hubs does (and the SDK's buffered producer
 * predicts): Jenkins lookup3 "hashlittle2" over the UTF-8 bytes, the two 32-bit results XORed, cast to
 * a signed 16-bit integer, absolute value of its remainder by the partition count.
 */
export function partitionIndexForKey(partitionKey: string, partitionCount: number): number {
  const { b, c } = lookup3(Buffer.from(partitionKey, 'utf8'));
  const hash = new Int16Array([c ^ b])[0];
  return Math.abs(hash % partitionCount);
}

const rotate = (value: number, bits: number): number => (value << bits) | (value >>> (32 - bits));

function lookup3(data: Buffer): { b: number; c: number } {
  let a = (0xdeadbeef + data.length) | 0;
  let b = a;
  let c = a;
  let index = 0;
  let remaining = data.length;
  while (remaining > 12) {
    a = (a + data.readUInt32LE(index)) | 0;
    b = (b + data.readUInt32LE(index + 4)) | 0;
    c = (c + data.readUInt32LE(index + 8)) | 0;
    a = (a - c) | 0;
    a ^= rotate(c, 4);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rotate(a, 6);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rotate(b, 8);
    b = (b + a) | 0;
    a = (a - c) | 0;
    a ^= rotate(c, 16);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= rotate(a, 19);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= rotate(b, 4);
    b = (b + a) | 0;
    index += 12;
    remaining -= 12;
  }
  if (remaining === 0) return { b: b >>> 0, c: c >>> 0 };
  // The tail: up to 12 bytes read little-endian into a, b, c (missing bytes count as zero).
  const tail = Buffer.alloc(12);
  data.copy(tail, 0, index);
  a = (a + tail.readUInt32LE(0)) | 0;
  if (remaining > 4) b = (b + tail.readUInt32LE(4)) | 0;
  if (remaining > 8) c = (c + tail.readUInt32LE(8)) | 0;
  c ^= b;
  c = (c - rotate(b, 14)) | 0;
  a ^= c;
  a = (a - rotate(c, 11)) | 0;
  b ^= a;
  b = (b - rotate(a, 25)) | 0;
  c ^= b;
  c = (c - rotate(b, 16)) | 0;
  a ^= c;
  a = (a - rotate(c, 4)) | 0;
  b ^= a;
  b = (b - rotate(a, 14)) | 0;
  c ^= b;
  c = (c - rotate(b, 24)) | 0;
  return { b: b >>> 0, c: c >>> 0 };
}
