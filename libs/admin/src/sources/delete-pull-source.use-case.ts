import { Injectable } from '@nestjs/common';
import { ConfigurationWriter, auditChanges, type Actor } from '@activation/configuration';
import { PullSourceRepository } from '@activation/sources';
import { ProblemException } from '../problem-details/problem';
import { toPullSourceView } from './pull-source.view';

@Injectable()
export class DeletePullSourceUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly sources: PullSourceRepository,
  ) {}

  async execute(command: { actor: Actor; id: string }): Promise<void> {
    await this.writer.change({ entity: 'source', action: 'deleted', actor: command.actor }, async (manager) => {
      const existing = await this.sources.findById(command.id, manager, true);
      if (!existing) throw ProblemException.notFound('pull source', command.id);
      await this.sources.delete(manager, command.id);
      return { result: undefined, entityId: command.id, changes: auditChanges({ ...toPullSourceView(existing), state: undefined }, null) };
    });
  }
}
