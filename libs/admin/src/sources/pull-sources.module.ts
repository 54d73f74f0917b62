import { Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SecretCipher } from '@activation/configuration';
import { ConnectorFactory, PullSourceRepository, SourceRunRepository } from '@activation/sources';
import { DATA_SOURCE } from '@activation/service-runtime';
import { CreatePullSourceUseCase } from './create-pull-source.use-case';
import { DeletePullSourceUseCase } from './delete-pull-source.use-case';
import { PullSourcesController } from './pull-sources.controller';
import { UpdatePullSourceUseCase } from './update-pull-source.use-case';

@Module({
  controllers: [PullSourcesController],
  providers: [
    { provide: PullSourceRepository, useFactory: (ds: DataSource) => new PullSourceRepository(ds), inject: [DATA_SOURCE] },
    { provide: SourceRunRepository, useFactory: (ds: DataSource) => new SourceRunRepository(ds), inject: [DATA_SOURCE] },
    { provide: ConnectorFactory, useFactory: (cipher: SecretCipher) => new ConnectorFactory(cipher), inject: [SecretCipher] },
    CreatePullSourceUseCase,
    UpdatePullSourceUseCase,
    DeletePullSourceUseCase,
  ],
})
export class PullSourcesModule {}
