import { Module } from '@nestjs/common';
import { CreateDestinationUseCase } from './create-destination.use-case';
import { DeleteDestinationUseCase } from './delete-destination.use-case';
import { DestinationsController } from './destinations.controller';
import { TestDestinationUseCase } from './test-destination.use-case';
import { UpdateDestinationUseCase } from './update-destination.use-case';

@Module({
  controllers: [DestinationsController],
  providers: [CreateDestinationUseCase, UpdateDestinationUseCase, DeleteDestinationUseCase, TestDestinationUseCase],
  exports: [CreateDestinationUseCase, UpdateDestinationUseCase],
})
export class DestinationsModule {}
