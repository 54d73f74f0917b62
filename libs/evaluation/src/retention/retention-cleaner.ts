import { DAY_MS } from '@activation/audience-rules';
import type { DataSource } from 'typeorm';
import type { EvaluationRepositories } from '../processing/evaluation-repositories';
import type { Clock } from '../runtime/clock';
import type { EvaluationLogger } from '../runtime/evaluation-logger';

const CHUNK = 10_000;

/**
 * Deletes behavioral events older than the retention (by when they occurred) and forgets
 * processed-input ids older than theirs, in chunks so no long transaction blocks the consumer.
 */
export class RetentionCleaner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repositories: EvaluationRepositories,
    private readonly clock: Clock,
    private readonly logger: EvaluationLogger,
    private readonly eventRetentionDays: number,
    private readonly processedInputRetentionDays: number,
  ) {}

  /** One chunk of each; true when a chunk was full (more to delete). */
  async runOnce(): Promise<boolean> {
    const cutoff = this.clock.now() - this.eventRetentionDays * DAY_MS;
    const events = await this.repositories.events.deleteOccurredBefore(this.dataSource, cutoff, CHUNK);
    const inputs = await this.repositories.processed.deleteOlderThan(this.dataSource, this.processedInputRetentionDays, CHUNK);
    if (events + inputs > 0) this.logger.info({ events, processedInputs: inputs }, 'retention cleanup');
    return events === CHUNK || inputs === CHUNK;
  }
}
