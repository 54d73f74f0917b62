import { TOPICS } from '@activation/contracts';

/** Tuning of the evaluator's background work; every field has a production default. */
export interface EvaluationOptions {
  membershipTopic: string;
  /** Names this process in job leases. */
  instanceId: string;
  schedulerIntervalMs: number;
  schedulerBatchSize: number;
  jobIntervalMs: number;
  jobPageSize: number;
  leaseMs: number;
  outboxSweepIntervalMs: number;
  /** Outbox rows pending longer than this were left by a crash and are published by the sweeper. */
  outboxStallMs: number;
  retentionIntervalMs: number;
  reconcileIntervalMs: number;
  eventRetentionDays: number;
  processedInputRetentionDays: number;
}

export const DEFAULT_EVALUATION_OPTIONS: EvaluationOptions = {
  membershipTopic: TOPICS.membership,
  instanceId: `evaluator-${process.pid}`,
  schedulerIntervalMs: 1_000,
  schedulerBatchSize: 500,
  jobIntervalMs: 1_000,
  jobPageSize: 500,
  leaseMs: 30_000,
  outboxSweepIntervalMs: 5_000,
  outboxStallMs: 10_000,
  retentionIntervalMs: 3_600_000,
  reconcileIntervalMs: 60_000,
  eventRetentionDays: 90,
  processedInputRetentionDays: 14,
};
