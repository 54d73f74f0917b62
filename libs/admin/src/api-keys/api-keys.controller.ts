import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiKeyRepository, CurrentPrincipal, UuidIdPipe, type ApiKeyPrincipal, type Page } from '@activation/configuration';
import { actorOf } from '../common/actor';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CreateApiKeyDto, ListApiKeysQuery } from './api-key.dto';
import { ApiKeyView, CreatedApiKeyView, toApiKeyView } from './api-key.view';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

const apiKeyIdPipe = new UuidIdPipe('API key');

@AdminController('v1/api-keys', 'API keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly createKey: CreateApiKeyUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List API keys (never the keys themselves)' })
  @ApiPage(ApiKeyView)
  @ApiProblems(400)
  async list(@Query() query: ListApiKeysQuery): Promise<Page<ApiKeyView>> {
    const page = await this.keys.list({ role: query.role, revoked: query.revoked, q: query.q }, pageOf(query));
    return { items: page.items.map(toApiKeyView), nextCursor: page.nextCursor };
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: 'Create an API key; the response is the only time the key is shown' })
  @ApiCreatedResponse({ type: CreatedApiKeyView })
  @ApiProblems(400, 422)
  create(@Body() body: CreateApiKeyDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<CreatedApiKeyView> {
    return this.createKey.execute({
      actor: actorOf(principal),
      name: body.name,
      roles: body.roles,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
    });
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One API key' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiProblems(404)
  async get(@Param('id', apiKeyIdPipe) id: string): Promise<ApiKeyView> {
    const key = await this.keys.findById(id);
    if (!key) throw ProblemException.notFound('API key', id);
    return toApiKeyView(key);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Revoke an API key in every service' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiProblems(404)
  revoke(@Param('id', apiKeyIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<ApiKeyView> {
    return this.revokeKey.execute({ actor: actorOf(principal), id });
  }
}
