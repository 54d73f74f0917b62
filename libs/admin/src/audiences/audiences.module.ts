import { Module } from '@nestjs/common';
import { AudiencesController } from './audiences.controller';
import { CreateAudienceUseCase } from './create-audience.use-case';
import { DeleteAudienceUseCase } from './delete-audience.use-case';
import { UpdateAudienceUseCase } from './update-audience.use-case';

@Module({
  controllers: [AudiencesController],
  providers: [CreateAudienceUseCase, UpdateAudienceUseCase, DeleteAudienceUseCase],
  exports: [CreateAudienceUseCase, UpdateAudienceUseCase, DeleteAudienceUseCase],
})
export class AudiencesModule {}
