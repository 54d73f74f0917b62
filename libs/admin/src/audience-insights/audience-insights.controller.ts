import { Body, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { AudienceRepository, UuidIdPipe } from '@activation/configuration';
import { AudienceQueries } from '@activation/evaluation';
import { DATA_SOURCE } from '@activation/service-runtime';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { MembershipCountsQuery, PreviewAudienceDto } from './audience-insights.dto';

const audienceIdPipe = new UuidIdPipe('audience');

const OBJECT = { schema: { type: 'object', additionalProperties: true } } as const;
const OBJECT_PAGE = {
  type: 'object',
  required: ['items', 'nextCursor'] as string[],
  properties: {
    items: { type: 'array', items: { type: 'object', additionalProperties: true } },
    nextCursor: { type: 'string', nullable: true, description: 'pass as ?cursor= for the next page (null on the last page)' },
  },
} as const;
const COUNT_POINT = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date-time', description: 'bucket start (inclusive)' },
    to: { type: 'string', format: 'date-time', description: 'bucket end (exclusive)' },
    entered: { type: 'integer' },
    exited: { type: 'integer' },
    members: { type: 'integer', description: 'members at the end of the bucket' },
  },
} as const;
const DAY_MS = 24 * 60 * 60_000;

/** The window of the counts: `to` defaults to now (rounded up to a whole minute), `from` to a day before `to`. */
function countWindow(query: MembershipCountsQuery): { from: number; to: number } {
  const to = query.to !== undefined ? Date.parse(query.to) : Math.ceil(Date.now() / 60_000) * 60_000;
  const from = query.from !== undefined ? Date.parse(query.from) : to - DAY_MS;
  return { from, to };
}

/** What an audience does to the stored profiles: preview a rule, counts over time, backfills. */
@AdminController('v1/audiences', 'Audiences')
export class AudienceInsightsController {
  private readonly queries: AudienceQueries;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly audiences: AudienceRepository,
  ) {
    this.queries = new AudienceQueries(dataSource);
  }

  @Post('preview')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Preview a new rule: matching count and a sample, before saving anything' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(400, 422)
  previewNew(@Body() body: PreviewAudienceDto) {
    return this.preview(body);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Preview a rule change: matching count, a sample, and how many would enter and exit' })
  @ApiOkResponse(OBJECT)
  @ApiProblems(400, 404, 422)
  async previewChange(@Param('id', audienceIdPipe) id: string, @Body() body: PreviewAudienceDto) {
    const audience = await this.audiences.findById(id);
    if (!audience) throw ProblemException.notFound('audience', id);
    return this.preview(body, id, audience.projectedVariables);
  }

  @Get(':id/membership-counts')
  @ReadAccess()
  @ApiOperation({ summary: 'Members, entries and exits per time bucket (by default hourly over the last 24 hours)' })
  @ApiOkResponse({ schema: { type: 'array', items: COUNT_POINT } })
  @ApiProblems(400, 404)
  async counts(@Param('id', audienceIdPipe) id: string, @Query() query: MembershipCountsQuery) {
    await this.requireAudience(id);
    const { from, to } = countWindow(query);
    if (!(to > from)) throw new ProblemException('validation', '`to` must be after `from`.', [{ path: 'query.to', message: 'must be after from' }]);
    try {
      return await this.queries.membershipCounts(id, from, to, (query.bucketMinutes ?? 60) * 60_000);
    } catch (error) {
      throw new ProblemException('validation', (error as Error).message, [{ path: 'query.bucketMinutes', message: (error as Error).message }]);
    }
  }

  @Get(':id/backfills')
  @ReadAccess()
  @ApiOperation({ summary: 'Backfill and snapshot jobs of the audience, newest first, with their progress' })
  @ApiOkResponse({ schema: OBJECT_PAGE })
  @ApiProblems(400, 404)
  async backfills(@Param('id', audienceIdPipe) id: string, @Query() query: PageQueryDto) {
    await this.requireAudience(id);
    return this.queries.backfillProgress(id, pageOf(query));
  }

  private async preview(body: PreviewAudienceDto, audienceId?: string, fallbackVariables: string[] = []) {
    const result = await this.queries.previewAudience(body.rule, body.projectedVariables ?? fallbackVariables, {
      audienceId,
      sampleSize: body.sampleSize ?? 10,
    });
    if (!result.valid) {
      throw ProblemException.invalid(result.errors.map((e) => ({ path: `$.rule${e.path.slice(1)}`, message: e.message })));
    }
    return result;
  }

  private async requireAudience(id: string): Promise<void> {
    if (!(await this.audiences.findById(id))) throw ProblemException.notFound('audience', id);
  }
}
