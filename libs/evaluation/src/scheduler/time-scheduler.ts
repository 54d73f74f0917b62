import { deterministicEventId } from '@activation/contracts';
import type { DataSource } from 'typeorm';
import type { AudienceRegistry } from '../audiences/audience-registry';
import { evaluateMembership, nextDueAt } from '../membership/evaluate-membership';
import type { MembershipTransition } from '../membership/transition';
import type { OutboxPublisher } from '../outbox/outbox-publisher';
import type { EvaluationRepositories } from '../processing/evaluation-repositories';
import { SCHEDULER_SHARD } from '../processing/evaluation-state-writer';
import { loadWorkingStates } from '../processing/load-working-states';
import type { DueProfile } from '../repositories/schedule-repository';
import type { Clock } from '../runtime/clock';
import type { EvaluationMetrics } from '../runtime/evaluation-metrics';

export interface TimeSchedulerDeps {
  dataSource: DataSource;
  registry: AudienceRegistry;
  repositories: EvaluationRepositories;
  publisher: OutboxPublisher;
  clock: Clock;
  metrics: EvaluationMetrics;
  batchSize: number;
  leaseMs: number;
}

/**
 * Re-evaluates profiles whose membership can change by time alone (an event leaving a window, a
 * date passing). Due rows are leased with SKIP LOCKED, so replicas share the work and a crashed
 * replica's lease simply expires; transitions carry cause `time` and the due instant as timestamp.
 */
export class TimeScheduler {
  constructor(private readonly deps: TimeSchedulerDeps) {}

  /** Handles one batch of due profiles; true when the batch was full (more may be due). */
  async runOnce(): Promise<boolean> {
    const { dataSource, repositories, clock, batchSize, leaseMs } = this.deps;
    const now = clock.now();
    const due = await repositories.schedule.claimDue(dataSource, now, batchSize, leaseMs);
    if (due.length === 0) return false;
    const profileIds = due.map((row) => row.profileId).sort();
    const transitions = await dataSource.transaction((manager) => this.evaluate(manager, due, profileIds, now));
    this.deps.metrics.scheduledEvaluations(due.length);
    this.deps.metrics.transitions(transitions, 'time');
    await this.deps.publisher.publishFor(profileIds);
    return due.length === batchSize;
  }

  private async evaluate(
    manager: DataSource['manager'],
    due: readonly DueProfile[],
    profileIds: readonly string[],
    now: number,
  ): Promise<MembershipTransition[]> {
    const { repositories } = this.deps;
    const index = this.deps.registry.current();
    await repositories.locks.lock(manager, profileIds);
    const states = await loadWorkingStates(repositories, manager, {
      profileIds, needEvents: profileIds, audiences: index.active, now,
    });
    const transitions: MembershipTransition[] = [];
    const dueReplaced = new Map<string, number | null>();
    for (const { profileId, dueAt } of due) {
      const state = states.get(profileId);
      if (!state) continue;
      const context = {
        now,
        timestamp: dueAt,
        cause: { kind: 'time' as const, inputEventId: deterministicEventId('time', profileId, dueAt) },
        backfill: false,
      };
      if (!state.deleted) {
        for (const audience of index.active) {
          const transition = evaluateMembership(state, audience, context);
          if (transition) transitions.push(transition);
        }
      }
      dueReplaced.set(profileId, nextDueAt(state, index.active, now));
    }
    await repositories.writer.write(manager, {
      states: [...states.values()], transitions, shard: SCHEDULER_SHARD, dueReplaced,
    });
    return transitions;
  }
}
