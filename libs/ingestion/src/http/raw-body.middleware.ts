import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemAnswer } from '../use-cases/ingest-answer';
import { sendAnswer } from './send-answer';

export type RawBodyRequest = IncomingMessage & { body?: unknown };
type Next = (error?: unknown) => void;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads ingest bodies as bytes, before any framework parser: decoding happens later, strictly
 * (invalid UTF-8 is a 400, never repaired into U+FFFD). Refuses bodies over `maxBytes` with 413
 * (from Content-Length when declared, else while reading), non-JSON media types and charsets
 * other than UTF-8 with 415, and compressed bodies with 415. A request read here counts as
 * finished, so the JSON parser registered afterwards leaves it alone.
 */
export function rawJsonBody(maxBytes: number) {
  return (req: RawBodyRequest, res: ServerResponse, next: Next): void => {
    if (req.method !== 'POST') return next();
    const type = req.headers['content-type'] ?? '';
    if (!JSON_TYPE.test(type.trim())) {
      return refuse(req, res, 415, 'unsupported-media-type', 'Send the body as application/json (UTF-8).');
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') return refuse(req, res, 415, 'unsupported-media-type', 'Compressed bodies are not accepted.');
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(req, res, maxBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        chunks.length = 0;
        tooLarge(req, res, maxBytes);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      req.body = Buffer.concat(chunks, size);
      next();
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      next(error);
    });
  };
}

function tooLarge(req: RawBodyRequest, res: ServerResponse, maxBytes: number): void {
  refuse(req, res, 413, 'body-too-large', `The body exceeds ${maxBytes} bytes; send smaller batches.`);
}

/** Answers at once and discards the rest of the body, so the connection can still carry the answer. */
function refuse(req: RawBodyRequest, res: ServerResponse, status: number, code: 'unsupported-media-type' | 'body-too-large', detail: string): void {
  const title = status === 413 ? 'Request body too large' : 'Unsupported media type';
  res.setHeader('connection', 'close');
  sendAnswer(res, problemAnswer(status, code, title, detail));
  req.resume();
}
