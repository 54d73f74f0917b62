import { Module } from '@nestjs/common';
import { DeadLetterRepository } from './dead-letter.repository';
import { DeadLettersController } from './dead-letters.controller';
import { ReplayDeadLettersUseCase } from './replay-dead-letters.use-case';

@Module({
  controllers: [DeadLettersController],
  providers: [DeadLetterRepository, ReplayDeadLettersUseCase],
})
export class DeadLettersModule {}
