import { applyDecorators } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiHeader, ApiPayloadTooLargeResponse,
  ApiResponse, ApiSecurity, ApiServiceUnavailableResponse, ApiUnauthorizedResponse, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { IngestResultDto, ProblemDto } from '../dto/ingest-result.dto';

const problem = { type: ProblemDto } as const;
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } };

/** The answers every ingest route shares, for the OpenAPI document. */
export function IngestResponses(): MethodDecorator {
  return applyDecorators(
    ApiSecurity('api-key'),
    ApiSecurity('bearer'),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes retries safe: the same key with the same body returns the first answer and publishes nothing again; the same key with another body is a 409. Keys are kept 24 hours.',
    }),
    ApiHeader({ name: 'traceparent', required: false, description: 'W3C trace context; the published messages continue the trace.' }),
    ApiAcceptedResponse({
      type: IngestResultDto,
      description: 'Valid items were acknowledged by the message log; each item has its own result (rejected items with path and reason).',
      headers: { 'Idempotent-Replayed': { description: '"true" when this is the stored answer of an earlier request with the same Idempotency-Key.' } },
    }),
    ApiBadRequestResponse({ ...problem, description: 'Invalid UTF-8 or JSON, wrong body shape, batch too long, or no valid item.' }),
    ApiUnauthorizedResponse({ ...problem, description: 'No API key, or an unknown, revoked or expired one.' }),
    ApiForbiddenResponse({ ...problem, description: 'The API key lacks the ingest role.' }),
    ApiConflictResponse({ ...problem, description: 'The Idempotency-Key was used with a different body, or its first request is still running.' }),
    ApiPayloadTooLargeResponse({ ...problem, description: 'The body exceeds the size limit.' }),
    ApiUnsupportedMediaTypeResponse({ ...problem, description: 'The body is not application/json in UTF-8, or is compressed.' }),
    ApiServiceUnavailableResponse({ ...problem, headers: retryAfter, description: 'The message log is unavailable; nothing was accepted. Retry after Retry-After seconds (problem type urn:activation:problem:kafka-unavailable, whatever the transport).' }),
    ApiResponse({ status: 500, ...problem, description: 'Unexpected error; nothing was accepted.' }),
  );
}
