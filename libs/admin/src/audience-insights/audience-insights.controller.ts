import { Body, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { AudienceRepository } from '@activation/configuration';
import { AudienceQueries } from '@activation/evaluation';
import { DATA_SOURCE } from '@activation/service-runtime';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { UuidIdPipe } from '../common/id-pipes';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { MembershipCountsQuery, PreviewAudienceDto } from './audience-insights.dto';

const audienceIdPipe = new UuidIdPipe('audience');

const OBJECT = { schema: { type: 'object', additionalProperties: true } } as const;

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
  @ApiOperation({ summary: 'Members, entries and exits per time bucket' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  @ApiProblems(400, 404)
  async counts(@Param('id', audienceIdPipe) id: string, @Query() query: MembershipCountsQuery) {
    await this.requireAudience(id);
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (!(to > from)) throw new ProblemException('validation', '`to` must be after `from`.', [{ path: 'query.to', message: 'must be after from' }]);
    try {
      return await this.queries.membershipCounts(id, from, to, (query.bucketMinutes ?? 60) * 60_000);
    } catch (error) {
      throw new ProblemException('validation', (error as Error).message, [{ path: 'query.bucketMinutes', message: (error as Error).message }]);
    }
  }

  @Get(':id/backfills')
  @ReadAccess()
  @ApiOperation({ summary: 'Backfill and snapshot jobs of the audience with their progress' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  @ApiProblems(404)
  async backfills(@Param('id', audienceIdPipe) id: string) {
    await this.requireAudience(id);
    return this.queries.backfillProgress(id);
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
