import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import { problemAnswer, type RefusalCode } from '../use-cases/ingest-answer';
import { sendAnswer } from './send-answer';

const CODES: Record<number, RefusalCode> = { 401: 'unauthorized', 403: 'forbidden', 413: 'body-too-large', 415: 'unsupported-media-type' };

/**
 * Every error on an ingest route leaves as application/problem+json: refusals by the API-key
 * guard (401 / 403) keep their message; anything unexpected becomes a 500 without details.
 */
@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  private readonly logger = new Logger('ingest');

  constructor(@Optional() private readonly metrics?: IngestMetrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<ServerResponse>();
    const req = http.getRequest<IncomingMessage>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const code = CODES[status] ?? 'invalid-envelope';
      const source = (req.url ?? '').includes('/webhook') ? 'webhook' : 'http';
      this.metrics?.rejected.inc({ source, reason: code });
      const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer, ApiKey header="x-api-key"' } : {};
      sendAnswer(res, problemAnswer(status, code, titleOf(status), messageOf(exception), {}, headers));
      return;
    }
    this.logger.error(`ingest request failed: ${(exception as Error)?.stack ?? String(exception)}`);
    sendAnswer(res, problemAnswer(500, 'internal-error', 'Internal error', 'The request could not be handled; nothing was accepted.'));
  }
}

function titleOf(status: number): string {
  return { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found' }[status] ?? 'Request refused';
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}
