import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '@activation/service-runtime';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './to-problem';

interface HttpRequest {
  method: string;
  originalUrl?: string;
  url: string;
}

interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/** Renders every error of an HTTP request as application/problem+json (RFC 9457). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const request = host.switchToHttp().getRequest<HttpRequest>();
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const instance = (request.originalUrl ?? request.url).split('?')[0];
    const problem = toProblem(error, instance);
    if (problem.status >= 500) {
      this.logger.error({ method: request.method, path: instance, reason: describe(error) }, 'request failed');
    }
    if (response.headersSent) return;
    response.status(problem.status);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.end(JSON.stringify(problem));
  }
}

/** Name and message only: a driver error's parameters could hold request values. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
