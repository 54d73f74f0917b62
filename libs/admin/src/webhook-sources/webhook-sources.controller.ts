import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, UuidIdPipe, WebhookSourceRepository, type ApiKeyPrincipal, type Page } from '@activation/configuration';
import { actorOf } from '../common/actor';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CreateWebhookSourceUseCase } from './create-webhook-source.use-case';
import { DeleteWebhookSourceUseCase } from './delete-webhook-source.use-case';
import { UpdateWebhookSourceUseCase } from './update-webhook-source.use-case';
import { CreateWebhookSourceDto, ListWebhookSourcesQuery, UpdateWebhookSourceDto } from './webhook-source.dto';
import { WebhookSourceView, toWebhookSourceView } from './webhook-source.view';

const webhookSourceIdPipe = new UuidIdPipe('webhook source');

@AdminController('v1/webhook-sources', 'Webhook sources')
export class WebhookSourcesController {
  constructor(
    private readonly sources: WebhookSourceRepository,
    private readonly createSource: CreateWebhookSourceUseCase,
    private readonly updateSource: UpdateWebhookSourceUseCase,
    private readonly deleteSource: DeleteWebhookSourceUseCase,
  ) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List webhook sources by slug' })
  @ApiPage(WebhookSourceView)
  @ApiProblems(400)
  async list(@Query() query: ListWebhookSourcesQuery): Promise<Page<WebhookSourceView>> {
    const page = await this.sources.list({ enabled: query.enabled, q: query.q }, pageOf(query));
    return { items: page.items.map(toWebhookSourceView), nextCursor: page.nextCursor };
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: 'Create a webhook source (field mapping, optional HMAC signature)' })
  @ApiCreatedResponse({ type: WebhookSourceView })
  @ApiProblems(400, 409, 422, 503)
  create(@Body() body: CreateWebhookSourceDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<WebhookSourceView> {
    return this.createSource.execute({ actor: actorOf(principal), ...body });
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One webhook source' })
  @ApiOkResponse({ type: WebhookSourceView })
  @ApiProblems(404)
  async get(@Param('id', webhookSourceIdPipe) id: string): Promise<WebhookSourceView> {
    const source = await this.sources.findById(id);
    if (!source) throw ProblemException.notFound('webhook source', id);
    return toWebhookSourceView(source);
  }

  @Patch(':id')
  @WriteAccess()
  @ApiOperation({ summary: 'Change a webhook source (the slug stays)' })
  @ApiOkResponse({ type: WebhookSourceView })
  @ApiProblems(400, 404, 422, 503)
  update(@Param('id', webhookSourceIdPipe) id: string, @Body() body: UpdateWebhookSourceDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<WebhookSourceView> {
    return this.updateSource.execute({ actor: actorOf(principal), id, ...body });
  }

  @Delete(':id')
  @HttpCode(204)
  @WriteAccess()
  @ApiOperation({ summary: 'Delete a webhook source' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  async remove(@Param('id', webhookSourceIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<void> {
    await this.deleteSource.execute({ actor: actorOf(principal), id });
  }

  @Post(':id/enable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Accept requests on this webhook again' })
  @ApiOkResponse({ type: WebhookSourceView })
  @ApiProblems(404)
  enable(@Param('id', webhookSourceIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<WebhookSourceView> {
    return this.updateSource.execute({ actor: actorOf(principal), id, enabled: true });
  }

  @Post(':id/disable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Refuse requests on this webhook' })
  @ApiOkResponse({ type: WebhookSourceView })
  @ApiProblems(404)
  disable(@Param('id', webhookSourceIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<WebhookSourceView> {
    return this.updateSource.execute({ actor: actorOf(principal), id, enabled: false });
  }
}
