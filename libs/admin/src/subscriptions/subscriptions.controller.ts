import { Body, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, IntegerIdPipe, SubscriptionRepository, type ApiKeyPrincipal, type Page } from '@activation/configuration';
import { actorOf } from '../common/actor';
import { AdminController, ReadAccess, WriteAccess } from '../common/admin-routes';
import { pageOf } from '../common/page-query.dto';
import { ApiPage } from '../openapi/api-page.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { CreateSubscriptionUseCase } from './create-subscription.use-case';
import { DeleteSubscriptionUseCase } from './delete-subscription.use-case';
import { CreateSubscriptionDto, ListSubscriptionsQuery, UpdateSubscriptionDto } from './subscription.dto';
import { SubscriptionView, toSubscriptionView } from './subscription.view';
import { UpdateSubscriptionUseCase } from './update-subscription.use-case';

const subscriptionIdPipe = new IntegerIdPipe('subscription');

@AdminController('v1/subscriptions', 'Subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly createSubscription: CreateSubscriptionUseCase,
    private readonly updateSubscription: UpdateSubscriptionUseCase,
    private readonly deleteSubscription: DeleteSubscriptionUseCase,
  ) {}

  @Get()
  @ReadAccess()
  @ApiOperation({ summary: 'List subscriptions by id' })
  @ApiPage(SubscriptionView)
  @ApiProblems(400)
  async list(@Query() query: ListSubscriptionsQuery): Promise<Page<SubscriptionView>> {
    const filter = { audienceId: query.audienceId, destinationId: query.destinationId, enabled: query.enabled, q: query.q };
    const page = await this.subscriptions.list(filter, pageOf(query));
    return { items: page.items.map(toSubscriptionView), nextCursor: page.nextCursor };
  }

  @Post()
  @WriteAccess()
  @ApiOperation({ summary: "Subscribe a destination to an audience; the projection must stay within the audience's projected variables" })
  @ApiCreatedResponse({ type: SubscriptionView })
  @ApiProblems(400, 409, 422)
  create(@Body() body: CreateSubscriptionDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<SubscriptionView> {
    return this.createSubscription.execute({ actor: actorOf(principal), ...body });
  }

  @Get(':id')
  @ReadAccess()
  @ApiOperation({ summary: 'One subscription' })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiProblems(404)
  async get(@Param('id', subscriptionIdPipe) id: number): Promise<SubscriptionView> {
    const subscription = await this.subscriptions.findById(id);
    if (!subscription) throw ProblemException.notFound('subscription', id);
    return toSubscriptionView(subscription);
  }

  @Patch(':id')
  @WriteAccess()
  @ApiOperation({ summary: 'Change a subscription (its audience and destination stay)' })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiProblems(400, 404, 409, 422)
  update(@Param('id', subscriptionIdPipe) id: number, @Body() body: UpdateSubscriptionDto, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<SubscriptionView> {
    return this.updateSubscription.execute({ actor: actorOf(principal), id, ...body });
  }

  @Delete(':id')
  @HttpCode(204)
  @WriteAccess()
  @ApiOperation({ summary: 'Delete a subscription' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404)
  async remove(@Param('id', subscriptionIdPipe) id: number, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<void> {
    await this.deleteSubscription.execute({ actor: actorOf(principal), id });
  }

  @Post(':id/enable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Resume the subscription' })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiProblems(404)
  enable(@Param('id', subscriptionIdPipe) id: number, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<SubscriptionView> {
    return this.updateSubscription.execute({ actor: actorOf(principal), id, enabled: true });
  }

  @Post(':id/disable')
  @HttpCode(200)
  @WriteAccess()
  @ApiOperation({ summary: 'Pause the subscription' })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiProblems(404)
  disable(@Param('id', subscriptionIdPipe) id: number, @CurrentPrincipal() principal: ApiKeyPrincipal): Promise<SubscriptionView> {
    return this.updateSubscription.execute({ actor: actorOf(principal), id, enabled: false });
  }
}
