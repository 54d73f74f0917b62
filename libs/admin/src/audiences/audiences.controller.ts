import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AudienceRepository, CurrentPrincipal, UuidIdPipe, type ApiKeyPrincipal, type Page } from '@activation/configuration';
import { actorOf } from '../common/actor';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CreateAudienceDto, ListAudiencesQuery, UpdateAudienceDto } from './audience.dto';
import { AudienceVersionView, AudienceView, toAudienceVersionView, toAudienceView } from './audience.view';
import { CreateAudienceUseCase } from './create-audience.use-case';
import { DeleteAudienceUseCase } from './delete-audience.use-case';
import { UpdateAudienceUseCase } from './update-audience.use-case';

const audienceIdPipe = new UuidIdPipe('audience');

@AdminController('v1/audiences', 'Audiences')
export class AudiencesController {
  constructor(
    private readonly audiences: AudienceRepository,
    private readonly createAudience: CreateAudienceUseCase,
    private readonly updateAudience: UpdateAudienceUseCase,
    private readonly deleteAudience: DeleteAudienceUseCase,
  ) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List audiences by slug' })
  @ApiPage(AudienceView)
  @ApiProblems(400)
  async list(@Query() query: ListAudiencesQuery): Promise<Page<AudienceView>> {
    const page = await this.audiences.list({ status: query.status, q: query.q }, pageOf(query));
    return { items: page.items.map(toAudienceView), nextCursor: page.nextCursor };
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: 'Create an audience (the rule is validated)' })
  @ApiCreatedResponse({ type: AudienceView })
  @ApiProblems(400, 409, 422)
  create(@Body() body: CreateAudienceDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<AudienceView> {
    return this.createAudience.execute({ actor: actorOf(principal), ...body });
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One audience' })
  @ApiOkResponse({ type: AudienceView })
  @ApiProblems(404)
  async get(@Param('id', audienceIdPipe) id: string): Promise<AudienceView> {
    const audience = await this.audiences.findById(id);
    if (!audience) throw ProblemException.notFound('audience', id);
    return toAudienceView(audience);
  }

  @Patch(':id')
  @WriteAccess()
  @ApiOperation({ summary: 'Change an audience; a new rule or new projected variables make a new version' })
  @ApiOkResponse({ type: AudienceView })
  @ApiProblems(400, 404, 422)
  update(@Param('id', audienceIdPipe) id: string, @Body() body: UpdateAudienceDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<AudienceView> {
    return this.updateAudience.execute({ actor: actorOf(principal), id, ...body });
  }

  @Delete(':id')
  @HttpCode(204)
  @WriteAccess()
  @ApiOperation({ summary: 'Delete an audience no subscription uses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409)
  async remove(@Param('id', audienceIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<void> {
    await this.deleteAudience.execute({ actor: actorOf(principal), id });
  }

  @Post(':id/enable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Make the audience active (evaluated and delivered)' })
  @ApiOkResponse({ type: AudienceView })
  @ApiProblems(404)
  enable(@Param('id', audienceIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<AudienceView> {
    return this.updateAudience.execute({ actor: actorOf(principal), id, status: 'active' });
  }

  @Post(':id/disable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Pause the audience (memberships are kept, nothing is evaluated)' })
  @ApiOkResponse({ type: AudienceView })
  @ApiProblems(404)
  disable(@Param('id', audienceIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<AudienceView> {
    return this.updateAudience.execute({ actor: actorOf(principal), id, status: 'paused' });
  }

  @Get(':id/versions')
  @ReadAccess()
  @ApiOperation({ summary: 'Earlier rules and projected variables of an audience, newest first' })
  @ApiPage(AudienceVersionView)
  @ApiProblems(400, 404)
  async versions(@Param('id', audienceIdPipe) id: string, @Query() query: PageQueryDto): Promise<Page<AudienceVersionView>> {
    if (!(await this.audiences.findById(id))) throw ProblemException.notFound('audience', id);
    const page = await this.audiences.listVersions(id, pageOf(query));
    return { items: page.items.map(toAudienceVersionView), nextCursor: page.nextCursor };
  }
}
