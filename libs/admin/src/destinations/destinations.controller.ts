import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, DestinationRepository, UuidIdPipe, type ApiKeyPrincipal, type Page } from '@activation/configuration';
import { actorOf } from '../common/actor';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CreateDestinationUseCase } from './create-destination.use-case';
import { DeleteDestinationUseCase } from './delete-destination.use-case';
import { CreateDestinationDto, ListDestinationsQuery, UpdateDestinationDto } from './destination.dto';
import { DestinationTestResultView, DestinationView, toDestinationView } from './destination.view';
import { TestDestinationUseCase } from './test-destination.use-case';
import { UpdateDestinationUseCase } from './update-destination.use-case';

const destinationIdPipe = new UuidIdPipe('destination');

@AdminController('v1/destinations', 'Destinations')
export class DestinationsController {
  constructor(
    private readonly destinations: DestinationRepository,
    private readonly createDestination: CreateDestinationUseCase,
    private readonly updateDestination: UpdateDestinationUseCase,
    private readonly deleteDestination: DeleteDestinationUseCase,
    private readonly testDestination: TestDestinationUseCase,
  ) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List destinations by name' })
  @ApiPage(DestinationView)
  @ApiProblems(400)
  async list(@Query() query: ListDestinationsQuery): Promise<Page<DestinationView>> {
    const page = await this.destinations.list({ kind: query.kind, enabled: query.enabled, q: query.q }, pageOf(query));
    return { items: page.items.map(toDestinationView), nextCursor: page.nextCursor };
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: 'Create a destination (secrets are encrypted and never returned)' })
  @ApiCreatedResponse({ type: DestinationView })
  @ApiProblems(400, 409, 422, 503)
  create(@Body() body: CreateDestinationDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<DestinationView> {
    return this.createDestination.execute({ actor: actorOf(principal), ...body });
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One destination' })
  @ApiOkResponse({ type: DestinationView })
  @ApiProblems(404)
  async get(@Param('id', destinationIdPipe) id: string): Promise<DestinationView> {
    const destination = await this.destinations.findById(id);
    if (!destination) throw ProblemException.notFound('destination', id);
    return toDestinationView(destination);
  }

  @Patch(':id')
  @WriteAccess()
  @ApiOperation({ summary: 'Change a destination (the kind cannot change)' })
  @ApiOkResponse({ type: DestinationView })
  @ApiProblems(400, 404, 409, 422, 503)
  update(@Param('id', destinationIdPipe) id: string, @Body() body: UpdateDestinationDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<DestinationView> {
    return this.updateDestination.execute({ actor: actorOf(principal), id, ...body });
  }

  @Delete(':id')
  @HttpCode(204)
  @WriteAccess()
  @ApiOperation({ summary: 'Delete a destination no subscription uses' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409)
  async remove(@Param('id', destinationIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<void> {
    await this.deleteDestination.execute({ actor: actorOf(principal), id });
  }

  @Post(':id/enable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Resume deliveries to this destination' })
  @ApiOkResponse({ type: DestinationView })
  @ApiProblems(404)
  enable(@Param('id', destinationIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<DestinationView> {
    return this.updateDestination.execute({ actor: actorOf(principal), id, enabled: true });
  }

  @Post(':id/disable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Stop deliveries to this destination' })
  @ApiOkResponse({ type: DestinationView })
  @ApiProblems(404)
  disable(@Param('id', destinationIdPipe) id: string, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<DestinationView> {
    return this.updateDestination.execute({ actor: actorOf(principal), id, enabled: false });
  }

  @Post(':id/test')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Make one test call to the destination with its stored settings and secrets' })
  @ApiOkResponse({ type: DestinationTestResultView })
  @ApiProblems(404, 501, 503)
  test(@Param('id', destinationIdPipe) id: string): Promise<DestinationTestResultView> {
    return this.testDestination.execute(id);
  }
}
