import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { INGEST_LIMITS } from '../nest/tokens';
import type { IngestLimits } from '../limits/ingest-limits';
import { rawJsonBody } from './raw-body.middleware';
import { requestTiming } from './request-timing.middleware';

export const INGEST_PATHS = ['/v1/profiles', '/v1/events', '/v1/sources'];

/**
 * HTTP set-up the ingest routes need before the application listens: their bodies are read as
 * raw bytes (registered ahead of the framework's JSON parser, which then skips them), every
 * ingest request is timed, and the OpenAPI document is served at /docs (JSON at /docs/openapi.json,
 * as the admin API's).
 */
export function configureIngestHttp(app: INestApplication): OpenAPIObject {
  const limits = app.get<IngestLimits>(INGEST_LIMITS);
  app.use(requestTiming(app.get(IngestMetrics)));
  app.use(INGEST_PATHS, rawJsonBody(limits.maxBodyBytes));
  const document = SwaggerModule.createDocument(app, ingestOpenApiConfig());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
  return document;
}

export function ingestOpenApiConfig() {
  return new DocumentBuilder()
    .setTitle('Activation ingester')
    .setDescription(
      'Profile changes and behavioral events into the platform: batches over HTTP, webhook payloads mapped per source. ' +
        'Every route needs an API key with the ingest role (x-api-key header or Authorization: Bearer). ' +
        'Errors are application/problem+json. The raw Kafka topic takes the same items; its format is schemas/ingest-raw.v1.schema.json.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'bearer')
    .build();
}
