import { Counter, Gauge, Registry } from 'prom-client';
import type { MembershipTransition } from '../membership/transition';

/** Evaluator metrics, registered on the service's registry (every name starts with `activation_`). */
export class EvaluationMetrics {
  private readonly inputs: Counter;
  private readonly transitionCount: Counter;
  private readonly backfillProfiles: Counter;
  private readonly backfillRatio: Gauge;
  private readonly scheduled: Counter;

  constructor(readonly registry: Registry = new Registry()) {
    this.inputs = new Counter({
      name: 'activation_evaluator_inputs_total',
      help: 'Profile inputs (changes and events) applied',
      registers: [registry],
    });
    this.transitionCount = new Counter({
      name: 'activation_membership_transitions_total',
      help: 'Membership events written to the outbox, by call type and origin',
      labelNames: ['call_type', 'origin'],
      registers: [registry],
    });
    this.backfillProfiles = new Counter({
      name: 'activation_backfill_profiles_total',
      help: 'Profiles re-evaluated (or members emitted) by backfill and snapshot jobs',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.backfillRatio = new Gauge({
      name: 'activation_backfill_progress_ratio',
      help: 'Share of the running job done, by audience and job kind',
      labelNames: ['audience_id', 'kind'],
      registers: [registry],
    });
    this.scheduled = new Counter({
      name: 'activation_scheduled_evaluations_total',
      help: 'Profiles re-evaluated because time passed',
      registers: [registry],
    });
  }

  inputsProcessed(count: number): void {
    if (count > 0) this.inputs.inc(count);
  }

  transitions(transitions: readonly MembershipTransition[], origin: 'input' | 'time' | 'job'): void {
    for (const transition of transitions) {
      this.transitionCount.inc({ call_type: transition.kind === 'snapshot' ? 'SNAPSHOT' : transition.callType, origin });
    }
  }

  jobProgress(audienceId: string, kind: string, processed: number, total: number, pageSize: number): void {
    this.backfillProfiles.inc({ kind }, pageSize);
    this.backfillRatio.set({ audience_id: audienceId, kind }, total === 0 ? 1 : Math.min(1, processed / total));
  }

  scheduledEvaluations(count: number): void {
    if (count > 0) this.scheduled.inc(count);
  }
}
