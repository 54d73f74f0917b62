import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { MessageBus } from '@activation/kafka';
import type { PullSource } from '../model/pull-source';
import type { KnownRecordRepository } from '../repositories/known-record.repository';
import type { PullSourceRepository } from '../repositories/pull-source.repository';
import type { RunTrigger, SourceRunRepository } from '../repositories/source-run.repository';
import { preparePage } from './prepare-page';
import { SourceRunError, type SourceConnector } from './source-page';

export interface PullRunnerDeps {
  dataSource: DataSource;
  bus: MessageBus;
  topic: string;
  sources: PullSourceRepository;
  runs: SourceRunRepository;
  records: KnownRecordRepository;
  logger: Logger;
  /** Messages per publish call. */
  publishChunk?: number;
  /** Pages per run at most (a function that never stops saying hasMore). */
  maxPages?: number;
  /** Called after a page was acknowledged and before its state is saved (fault injection in tests). */
  afterPublish?: (sourceId: string, page: number) => Promise<void>;
}

/**
 * Runs one source: page by page, publish, wait for Kafka's acknowledgement, then save the
 * state, the records and the run's counts in one transaction. A crash in between repeats the
 * page at the next run; deterministic event ids make the repeat harmless. A page is never skipped.
 */
export class PullRunner {
  constructor(private readonly deps: PullRunnerDeps) {}

  async run(source: PullSource, connector: SourceConnector, trigger: RunTrigger): Promise<string> {
    const { runs, sources, records, dataSource, logger } = this.deps;
    const runId = randomUUID();
    await runs.start(runId, source.id, trigger);
    let state = source.state;
    if (trigger === 'resync') {
      await sources.resetState(source.id);
      state = {};
    }
    const maxPages = this.deps.maxPages ?? 100_000;
    try {
      for (let page = 0; ; page += 1) {
        if (page >= maxPages) throw new SourceRunError(`the run stopped after ${maxPages} pages`, 'TooManyPages');
        const read = await connector.nextPage(state, runId);
        const prepared = await preparePage(source.id, source.mapping, read, records.of(source.id), Date.now());
        await this.publish(prepared.messages);
        await this.deps.afterPublish?.(source.id, page);
        await dataSource.transaction(async (manager) => {
          await records.save(manager, source.id, prepared.records);
          await sources.saveState(manager, source.id, read.state);
          await runs.addPage(manager, runId, prepared.counts, prepared.notes);
        });
        state = read.state;
        if (!read.hasMore) break;
      }
      await runs.finish(runId, 'succeeded');
      logger.info({ sourceId: source.id, runId }, 'pull source run succeeded');
    } catch (error) {
      const failure = error instanceof SourceRunError
        ? { message: error.message, type: error.errorType, stackTrace: error.stackTrace }
        : { message: (error as Error).message, type: (error as Error).name };
      await runs.finish(runId, 'failed', failure);
      logger.warn({ sourceId: source.id, runId, reason: failure.message }, 'pull source run failed');
    } finally {
      await connector.close?.();
    }
    return runId;
  }

  private async publish(messages: Parameters<MessageBus['publish']>[1]): Promise<void> {
    const chunk = this.deps.publishChunk ?? 500;
    for (let start = 0; start < messages.length; start += chunk) {
      await this.deps.bus.publish(this.deps.topic, messages.slice(start, start + chunk));
    }
  }
}
