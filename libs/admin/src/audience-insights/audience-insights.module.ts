import { Module } from '@nestjs/common';
import { AudienceInsightsController } from './audience-insights.controller';

@Module({ controllers: [AudienceInsightsController] })
export class AudienceInsightsModule {}
