import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { HEADERS } from '@activation/contracts';
import { AuditRepository, type Actor } from '@activation/configuration';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { DATA_SOURCE } from '@activation/service-runtime';
import { DeadLetterRepository } from './dead-letter.repository';
import type { ReplayResultView } from './dead-letter.view';

/** Headers a dead-letter topic adds; the replayed message goes back as it was. */
const DEAD_LETTER_HEADERS = new Set<string>([
  HEADERS.deadLetterReason, HEADERS.deadLetterService, HEADERS.deadLetterAt,
  HEADERS.sourceTopic, HEADERS.sourcePartition, HEADERS.sourceOffset,
]);

/**
 * Publishes dead letters again to their original topic: the original bytes (null stays null) and
 * key, the original headers without the dead-letter ones, plus `x-replay-of: <id>` so that a
 * replay that fails again is linked to the dead letter it came from. Each is claimed
 * (pending → replayed) and published in one transaction, so a dead letter is published once
 * however often or concurrently it is replayed; a failed publish rolls the claim back and it
 * stays pending.
 */
@Injectable()
export class ReplayDeadLettersUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly deadLetters: DeadLetterRepository,
    private readonly audit: AuditRepository,
  ) {}

  async execute(command: { actor: Actor; ids: number[] }): Promise<ReplayResultView> {
    const result: ReplayResultView = { replayed: [], alreadyReplayed: [], notFound: [], failed: [] };
    for (const id of [...new Set(command.ids)].sort((a, b) => a - b)) {
      try {
        const outcome = await this.dataSource.transaction(async (manager) => {
          const claimed = await this.deadLetters.claimForReplay(manager, id, command.actor.label);
          if (!claimed) return (await this.deadLetters.findById(id, manager)) ? 'alreadyReplayed' : 'notFound';
          const headers = { ...originalHeaders(claimed.headers), [HEADERS.replayOf]: String(id) };
          await this.bus.publish(claimed.topic, [{ key: claimed.key, value: claimed.payload, headers }]);
          await this.audit.record(manager, {
            actorKeyId: command.actor.keyId,
            actor: command.actor.label,
            entity: 'dead-letter',
            entityId: String(id),
            action: 'replayed',
            changes: { topic: claimed.topic },
          });
          return 'replayed';
        });
        result[outcome].push(id);
      } catch (error) {
        result.failed.push({ id, reason: (error as Error).message });
      }
    }
    return result;
  }
}

function originalHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DEAD_LETTER_HEADERS.has(name) && !name.startsWith('x-dlq-')));
}
