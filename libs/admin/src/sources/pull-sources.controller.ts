import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, UuidIdPipe, type ApiKeyPrincipal, type Page } from '@activation/configuration';
import { ConnectorFactory, PullSourceRepository, SourceRunRepository } from '@activation/sources';
import { actorOf } from '../common/actor';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CreatePullSourceUseCase } from './create-pull-source.use-case';
import { DeletePullSourceUseCase } from './delete-pull-source.use-case';
import { CreatePullSourceDto, ListPullSourcesQuery, ListRunsQuery, SourceTestView, UpdatePullSourceDto } from './pull-source.dto';
import { PullSourceView, SourceRunView, toPullSourceView, toSourceRunView } from './pull-source.view';
import { UpdatePullSourceUseCase } from './update-pull-source.use-case';

const pullSourceIdPipe = new UuidIdPipe('pull source');

@AdminController('v1/pull-sources', 'Pull sources')
export class PullSourcesController {
  constructor(
    private readonly sources: PullSourceRepository,
    private readonly runs: SourceRunRepository,
    private readonly connectors: ConnectorFactory,
    private readonly createSource: CreatePullSourceUseCase,
    private readonly updateSource: UpdatePullSourceUseCase,
    private readonly deleteSource: DeletePullSourceUseCase,
  ) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List pull sources by name' })
  @ApiPage(PullSourceView)
  @ApiProblems(400)
  async list(@Query() query: ListPullSourcesQuery): Promise<Page<PullSourceView>> {
    const page = await this.sources.list(pageOf(query));
    return { items: page.items.map(toPullSourceView), nextCursor: page.nextCursor };
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: 'Create a pull source (function, SQL table or Blob CSV) with its mapping and secrets' })
  @ApiCreatedResponse({ type: PullSourceView })
  @ApiProblems(400, 409, 422, 503)
  create(@Body() body: CreatePullSourceDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<PullSourceView> {
    return this.createSource.execute({ ...body, actor: actorOf(principal) });
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One pull source (secret values are never returned)' })
  @ApiOkResponse({ type: PullSourceView })
  @ApiProblems(404)
  async get(@Param('id', pullSourceIdPipe) id: string): Promise<PullSourceView> {
    return toPullSourceView(await this.found(id));
  }

  @Patch(':id')
  @WriteAccess()
  @ApiOperation({ summary: 'Change a pull source (the kind stays)' })
  @ApiOkResponse({ type: PullSourceView })
  @ApiProblems(400, 404, 409, 422, 503)
  update(@Param('id', pullSourceIdPipe) id: string, @Body() body: UpdatePullSourceDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<PullSourceView> {
    return this.updateSource.execute({ ...body, id, actor: actorOf(principal) });
  }

  @Delete(':id')
  @HttpCode(204)
  @WriteAccess()
  @ApiOperation({ summary: 'Delete a pull source with its runs' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  async remove(@Param('id', pullSourceIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<void> {
    await this.deleteSource.execute({ id, actor: actorOf(principal) });
  }

  @Post(':id/test')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Test the source (a function gets setup_test with the setup-test sync id); nothing is imported' })
  @ApiOkResponse({ type: SourceTestView })
  @ApiProblems(404, 503)
  async test(@Param('id', pullSourceIdPipe) id: string): Promise<SourceTestView> {
    const connector = this.connectors.create(await this.found(id));
    try {
      return await connector.test();
    } finally {
      await connector.close?.();
    }
  }

  @Post(':id/run')
  @HttpCode(202)
  @WriteAccess()
  @ApiOperation({ summary: 'Run the source now (the scheduler starts it within its poll interval)' })
  @ApiAcceptedResponse({ type: PullSourceView, description: 'Requested' })
  @ApiProblems(404)
  async run(@Param('id', pullSourceIdPipe) id: string): Promise<PullSourceView> {
    return this.requested(id, false);
  }

  @Post(':id/resync')
  @HttpCode(202)
  @WriteAccess()
  @ApiOperation({ summary: 'Re-sync: the next run starts from an empty state and reads everything again' })
  @ApiAcceptedResponse({ type: PullSourceView, description: 'Requested' })
  @ApiProblems(404)
  async resync(@Param('id', pullSourceIdPipe) id: string): Promise<PullSourceView> {
    return this.requested(id, true);
  }

  @Get(':id/runs')
  @ReadAccess()
  @ApiOperation({ summary: 'The runs of a source, newest first, with counts, notes and errors' })
  @ApiPage(SourceRunView)
  @ApiProblems(400, 404)
  async listRuns(@Param('id', pullSourceIdPipe) id: string, @Query() query: ListRunsQuery): Promise<Page<SourceRunView>> {
    await this.found(id);
    const page = await this.runs.listBySource(id, pageOf(query));
    return { items: page.items.map(toSourceRunView), nextCursor: page.nextCursor };
  }

  private async requested(id: string, resync: boolean): Promise<PullSourceView> {
    const source = await this.sources.requestRun(id, resync);
    if (!source) throw ProblemException.notFound('pull source', id);
    return toPullSourceView(source);
  }

  private async found(id: string) {
    const source = await this.sources.findById(id);
    if (!source) throw ProblemException.notFound('pull source', id);
    return source;
  }
}
