import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

@Module({
  controllers: [ApiKeysController],
  providers: [CreateApiKeyUseCase, RevokeApiKeyUseCase],
})
export class ApiKeysModule {}
