import { problemAnswer, type IngestAnswer } from './ingest-answer';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header: absent, or 1 to 255 visible ASCII characters (a UUID fits). */
export function readIdempotencyKey(header: string | string[] | undefined): { ok: true; key?: string } | { ok: false; answer: IngestAnswer } {
  if (header === undefined) return { ok: true };
  const value = Array.isArray(header) ? header[0] : header;
  if (Array.isArray(header) && header.length > 1) return refuse();
  if (value === undefined || !KEY.test(value)) return refuse();
  return { ok: true, key: value };
}

function refuse() {
  return {
    ok: false as const,
    answer: problemAnswer(
      400,
      'invalid-idempotency-key',
      'Invalid Idempotency-Key',
      'Idempotency-Key must be one header of 1 to 255 visible ASCII characters (a UUID is a good choice).',
    ),
  };
}
