import { Controller, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ApiKeyGuard, CurrentPrincipal, Roles, type ApiKeyPrincipal } from '@activation/configuration';
import { EventsRequestDto, ProfileChangesRequestDto } from '../dto/batch-request.dto';
import { IngestBatch } from '../use-cases/ingest-batch';
import type { InputKind } from '../validation/input-draft';
import { IngestResponses } from './ingest-api-docs';
import { ProblemJsonFilter } from './problem-json.filter';
import type { RawBodyRequest } from './raw-body.middleware';
import { sendAnswer } from './send-answer';

/** Batches of profile changes and events from senders holding an API key with the ingest role. */
@ApiTags('ingest')
@Controller('v1')
@UseGuards(ApiKeyGuard)
@Roles('ingest')
@UseFilters(ProblemJsonFilter)
export class IngestController {
  constructor(private readonly batch: IngestBatch) {}

  @Post('profiles')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a batch of profile changes',
    description:
      'Each change sets or unsets attributes, replaces identifiers per partner number, or deletes the profile. Valid changes are published in order, keyed by profile id; invalid ones are reported one by one.',
  })
  @ApiBody({ type: ProfileChangesRequestDto })
  @IngestResponses()
  profiles(@Req() req: RawBodyRequest, @Res() res: ServerResponse, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<void> {
    return this.handle('profile-change', '/v1/profiles', req, res, principal);
  }

  @Post('events')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a batch of behavioral events', description: 'Each event names what a profile did, when, with optional properties.' })
  @ApiBody({ type: EventsRequestDto })
  @IngestResponses()
  events(@Req() req: RawBodyRequest, @Res() res: ServerResponse, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<void> {
    return this.handle('event', '/v1/events', req, res, principal);
  }

  private async handle(kind: InputKind, route: string, req: RawBodyRequest, res: ServerResponse, principal: ApiKeyPrincipal): Promise<void> {
    const answer = await this.batch.handle({
      kind,
      route,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      principalId: principal.id,
      idempotencyKey: req.headers['idempotency-key'],
      traceparent: single(req.headers['traceparent']),
    });
    sendAnswer(res, answer);
  }
}

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
