import { toMembershipMessage } from '../membership/membership-message';
import type { MembershipTransition } from '../membership/transition';
import type { ProfileWorkingState } from '../profile/profile-state';
import type { EventRepository } from '../repositories/event-repository';
import { MembershipCountRepository, type CountChange } from '../repositories/membership-count-repository';
import type { MembershipRepository } from '../repositories/membership-repository';
import type { OutboxMessage, OutboxRepository, OutboxUnit } from '../repositories/outbox-repository';
import type { ProfileRepository } from '../repositories/profile-repository';
import type { DueProfile, ScheduleRepository } from '../repositories/schedule-repository';
import type { Queryable } from '../repositories/queryable';

/** Everything one unit of work (a partition batch, a schedule tick, a job page) writes. */
export interface EvaluationUnit {
  states: readonly ProfileWorkingState[];
  transitions: readonly MembershipTransition[];
  /** Counts shard: the input partition, or a negative number for the scheduler and jobs. */
  shard: number;
  dueLowered?: readonly DueProfile[];
  dueReplaced?: ReadonlyMap<string, number | null>;
}

export const SCHEDULER_SHARD = -1;
export const JOBS_SHARD = -2;

/**
 * Writes a unit's profile state, events, memberships, outbox rows, schedule and counts. Called
 * inside the unit's transaction, so the state and the events to publish commit together.
 */
export class EvaluationStateWriter {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly events: EventRepository,
    private readonly memberships: MembershipRepository,
    private readonly outbox: OutboxRepository,
    private readonly schedule: ScheduleRepository,
    private readonly counts: MembershipCountRepository,
  ) {}

  /** Returns the outbox unit it inserted (events in transition order), for the caller to publish after commit. */
  async write(manager: Queryable, unit: EvaluationUnit): Promise<OutboxUnit | null> {
    const { states } = unit;
    await this.profiles.save(manager, states);
    await this.events.deleteForProfiles(manager, states.filter((s) => s.eventsCleared).map((s) => s.profileId));
    await this.events.insert(manager, states.flatMap((s) => s.newEvents));
    await this.memberships.save(
      manager,
      states.flatMap((s) =>
        [...s.changedMemberships].flatMap((id) => {
          const membership = s.memberships.get(id);
          return membership ? [{ profileId: s.profileId, membership }] : [];
        }),
      ),
    );
    const outboxUnit = await this.outbox.insert(manager, unit.transitions.map(toOutboxMessage));
    await this.schedule.remove(manager, states.filter((s) => s.deleted && s.dirty).map((s) => s.profileId));
    if (unit.dueLowered) await this.schedule.lowerDue(manager, unit.dueLowered);
    for (const [profileId, dueAt] of unit.dueReplaced ?? []) await this.schedule.replace(manager, profileId, dueAt);
    await this.counts.add(manager, unit.shard, countChanges(unit.transitions));
    return outboxUnit;
  }
}

function toOutboxMessage(transition: MembershipTransition): OutboxMessage {
  const message = toMembershipMessage(transition);
  return {
    eventId: message.eventId, profileId: message.profileId, kind: message.kind, body: JSON.stringify(message),
    traceparent: transition.traceparent ?? null,
  };
}

export function countChanges(transitions: readonly MembershipTransition[]): CountChange[] {
  const byKey = new Map<string, CountChange>();
  for (const transition of transitions) {
    if (transition.kind !== 'transition' || transition.callType === 'MODIFIED') continue;
    const bucketStart =
      Math.floor(transition.timestamp / MembershipCountRepository.BUCKET_MS) * MembershipCountRepository.BUCKET_MS;
    const key = `${transition.audience.id}\u001f${bucketStart}`;
    const change = byKey.get(key) ?? { audienceId: transition.audience.id, bucketStart, entered: 0, exited: 0 };
    if (transition.callType === 'NEW') change.entered += 1;
    else change.exited += 1;
    byKey.set(key, change);
  }
  return [...byKey.values()];
}
