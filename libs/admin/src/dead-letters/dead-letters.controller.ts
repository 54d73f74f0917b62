import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, IntegerIdPipe, type ApiKeyPrincipal, type Page } from '@activation/configuration';
import { actorOf } from '../common/actor';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { ListDeadLettersQuery, ReplayDeadLettersDto } from './dead-letter.dto';
import { DeadLetterRepository } from './dead-letter.repository';
import { DeadLetterView, ReplayResultView, toDeadLetterView } from './dead-letter.view';
import { ReplayDeadLettersUseCase } from './replay-dead-letters.use-case';

const deadLetterIdPipe = new IntegerIdPipe('dead letter');

@AdminController('v1/dead-letters', 'Dead letters')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly replay: ReplayDeadLettersUseCase,
  ) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List dead letters, newest first' })
  @ApiPage(DeadLetterView)
  @ApiProblems(400)
  async list(@Query() query: ListDeadLettersQuery): Promise<Page<DeadLetterView>> {
    const filter = {
      service: query.service,
      topic: query.topic,
      reason: query.reason,
      replayStatus: query.replayStatus,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const page = await this.deadLetters.list(filter, pageOf(query));
    return { items: page.items.map(toDeadLetterView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One dead letter' })
  @ApiOkResponse({ type: DeadLetterView })
  @ApiProblems(404)
  async get(@Param('id', deadLetterIdPipe) id: number): Promise<DeadLetterView> {
    const row = await this.deadLetters.findById(id);
    if (!row) throw ProblemException.notFound('dead letter', id);
    return toDeadLetterView(row);
  }

  @Post('replay')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Publish dead letters again to their original topic (each at most once)' })
  @ApiOkResponse({ type: ReplayResultView })
  @ApiProblems(400)
  replayMany(@Body() body: ReplayDeadLettersDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<ReplayResultView> {
    return this.replay.execute({ actor: actorOf(principal), ids: body.ids });
  }
}
