import { Module } from '@nestjs/common';
import { CreateWebhookSourceUseCase } from './create-webhook-source.use-case';
import { DeleteWebhookSourceUseCase } from './delete-webhook-source.use-case';
import { UpdateWebhookSourceUseCase } from './update-webhook-source.use-case';
import { WebhookSourcesController } from './webhook-sources.controller';

@Module({
  controllers: [WebhookSourcesController],
  providers: [CreateWebhookSourceUseCase, UpdateWebhookSourceUseCase, DeleteWebhookSourceUseCase],
})
export class WebhookSourcesModule {}
