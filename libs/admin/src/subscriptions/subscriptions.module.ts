import { Module } from '@nestjs/common';
import { CreateSubscriptionUseCase } from './create-subscription.use-case';
import { DeleteSubscriptionUseCase } from './delete-subscription.use-case';
import { SubscriptionsController } from './subscriptions.controller';
import { UpdateSubscriptionUseCase } from './update-subscription.use-case';

@Module({
  controllers: [SubscriptionsController],
  providers: [CreateSubscriptionUseCase, UpdateSubscriptionUseCase, DeleteSubscriptionUseCase],
  exports: [CreateSubscriptionUseCase, UpdateSubscriptionUseCase],
})
export class SubscriptionsModule {}
