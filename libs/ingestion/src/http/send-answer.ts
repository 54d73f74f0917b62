import type { ServerResponse } from 'node:http';
import type { IngestAnswer } from '../use-cases/ingest-answer';

/** Writes an answer as it is (status, headers, JSON body). */
export function sendAnswer(res: ServerResponse, answer: IngestAnswer): void {
  if (res.headersSent) return;
  const body = JSON.stringify(answer.body);
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
