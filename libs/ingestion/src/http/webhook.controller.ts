import { Controller, HttpCode, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ApiKeyGuard, Roles } from '@activation/configuration';
import { ProblemDto } from '../dto/ingest-result.dto';
import { IngestWebhook } from '../use-cases/ingest-webhook';
import { IngestResponses } from './ingest-api-docs';
import { single } from './ingest.controller';
import { ProblemJsonFilter } from './problem-json.filter';
import type { RawBodyRequest } from './raw-body.middleware';
import { sendAnswer } from './send-answer';

/** Payloads of connected systems (e.g. Salesforce platform events), mapped by each source's configuration. */
@ApiTags('ingest')
@Controller('v1/sources')
@UseGuards(ApiKeyGuard)
@Roles('ingest')
@UseFilters(ProblemJsonFilter)
export class WebhookController {
  constructor(private readonly webhook: IngestWebhook) {}

  @Post(':id/webhook')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Receive a webhook payload',
    description: [
      'Accepts any JSON object (one record) or array of objects (one record each). The source maps each record to a profile change:',
      'JSON paths (`$.a.b[0]`) give the profile id, attribute values and partner identifiers. A path that is absent leaves that',
      'attribute alone; `null` unsets it. When the source has a signing secret, the header it names (for example `X-Signature`)',
      'must hold the hex HMAC-SHA256 of the exact body bytes keyed with that secret, optionally prefixed `sha256=`;',
      'the signed string is the raw body and nothing else.',
    ].join(' '),
  })
  @ApiParam({ name: 'id', description: 'The webhook source id (or its slug).' })
  @ApiBody({ description: 'Any JSON object or array of objects.', schema: { oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] } })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No enabled webhook source has this id.' })
  @IngestResponses()
  async receive(@Param('id') id: string, @Req() req: RawBodyRequest, @Res() res: ServerResponse): Promise<void> {
    const answer = await this.webhook.handle({
      sourceId: id,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      headers: req.headers,
      traceparent: single(req.headers['traceparent']),
    });
    sendAnswer(res, answer);
  }
}
