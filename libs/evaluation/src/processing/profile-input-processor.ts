import type { MembershipCause } from '@activation/contracts';
import { PermanentMessageError, type ConsumedMessage } from '@activation/kafka';
import type { DataSource } from 'typeorm';
import type { AudienceIndex } from '../audiences/audience-index';
import type { AudienceRegistry } from '../audiences/audience-registry';
import type { CompiledAudience } from '../audiences/compiled-audience';
import { evaluateMembership, nextDueAt, removeAllMemberships, type TransitionContext } from '../membership/evaluate-membership';
import type { MembershipTransition } from '../membership/transition';
import type { OutboxPublisher } from '../outbox/outbox-publisher';
import { applyInput } from '../profile/apply-input';
import type { ProfileWorkingState } from '../profile/profile-state';
import type { OutboxUnit } from '../repositories/outbox-repository';
import type { DueProfile } from '../repositories/schedule-repository';
import type { Clock } from '../runtime/clock';
import type { CrashHook } from '../runtime/crash-points';
import type { EvaluationMetrics } from '../runtime/evaluation-metrics';
import type { EvaluationRepositories } from './evaluation-repositories';
import { loadWorkingStates } from './load-working-states';
import { parseProfileInputs, type ParsedInput } from './parse-profile-inputs';
import { splitByProfile } from './split-by-profile';

/** Inputs per transaction of a large batch, and how many such parts run at once (see `handle`). */
const PART_INPUTS = 400;
const PARTS_IN_FLIGHT = 2;

export interface ProfileInputProcessorDeps {
  dataSource: DataSource;
  registry: AudienceRegistry;
  repositories: EvaluationRepositories;
  publisher: OutboxPublisher;
  clock: Clock;
  metrics: EvaluationMetrics;
  crashHook?: CrashHook;
}

/**
 * Handles one partition batch of profile inputs: in one transaction (per part of a large batch) it
 * skips inputs already processed, applies the rest in order, evaluates after each input only the
 * audiences that read what it changed, and writes state, events, memberships, schedule and an outbox
 * unit; then it publishes that unit, after any of its profiles' units a crash left pending. Only
 * after every part is published does it return, so offsets are committed last.
 */
export class ProfileInputProcessor {
  constructor(private readonly deps: ProfileInputProcessorDeps) {}

  async handle(messages: readonly ConsumedMessage[]): Promise<void> {
    const { inputs, invalid } = parseProfileInputs(messages);
    const partition = messages[0]?.partition ?? 0;
    // A large batch goes in parts of disjoint profiles, each committed and then published; two parts
    // are in flight at once, so one part's queries wait on the database while the other evaluates or
    // publishes. Every part is published before the handler returns.
    const parts = splitByProfile(inputs, PART_INPUTS);
    let next = 0;
    let failure: { error: unknown } | undefined;
    const lane = async () => {
      while (next < parts.length && !failure) {
        const part = parts[next++];
        try {
          await this.handlePart(part, partition);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, parts.length) }, lane));
    if (failure) throw failure.error;
    this.deps.metrics.inputsProcessed(inputs.length);
    if (invalid.length > 0) {
      throw new PermanentMessageError(
        `invalid profile input at offset ${invalid.map((bad) => `${bad.offset} (${bad.reason})`).join(', ')}`,
      );
    }
    this.deps.crashHook?.('before-offset-commit');
  }

  private async handlePart(part: readonly ParsedInput[], partition: number): Promise<void> {
    const profileIds = [...new Set(part.map((input) => input.message.profileId))].sort();
    const { transitions, outbox } = await this.deps.dataSource.transaction((manager) =>
      this.applyBatch(manager, part, profileIds, partition),
    );
    this.deps.crashHook?.('after-state-transaction');
    this.deps.metrics.transitions(transitions, 'input');
    await this.deps.publisher.publishUnits(outbox, {
      afterPublish: () => this.deps.crashHook?.('after-outbox-publish'),
    });
  }

  private async applyBatch(
    manager: DataSource['manager'],
    inputs: readonly ParsedInput[],
    profileIds: readonly string[],
    partition: number,
  ): Promise<{ transitions: MembershipTransition[]; outbox: OutboxUnit[] }> {
    const { repositories, registry, clock } = this.deps;
    await repositories.locks.lock(manager, profileIds);
    // Rows of these profiles a crash left unpublished go out first, so each profile keeps its order.
    const pending = await repositories.outbox.pendingFor(manager, profileIds);
    const fresh = await repositories.processed.claim(
      manager,
      inputs.map((input) => ({ eventId: input.message.eventId, profileId: input.message.profileId })),
    );
    const todo = inputs.filter((input) => fresh.delete(input.message.eventId));
    if (todo.length === 0) return { transitions: [], outbox: pending };
    const index = registry.current();
    const now = clock.now();
    const touched = [...new Set(todo.map((input) => input.message.profileId))];
    const eventReaders = audiencesReadingEvents(todo, index);
    const states = await loadWorkingStates(repositories, manager, {
      profileIds: touched,
      needEvents: [...eventReaders.profiles],
      audiences: eventReaders.audiences,
      now,
    });
    const transitions: MembershipTransition[] = [];
    const evaluated = new Map<string, Set<CompiledAudience>>();
    for (const input of todo) {
      const state = states.get(input.message.profileId);
      if (state) this.applyOne(state, input, index, now, transitions, evaluated);
    }
    const dueLowered = dueTimes(states, evaluated, now);
    const written = await repositories.writer.write(manager, { states: [...states.values()], transitions, shard: partition, dueLowered });
    return { transitions, outbox: written ? [...pending, written] : pending };
  }

  private applyOne(
    state: ProfileWorkingState,
    input: ParsedInput,
    index: AudienceIndex,
    now: number,
    transitions: MembershipTransition[],
    evaluated: Map<string, Set<CompiledAudience>>,
  ): void {
    const message = input.message;
    const cause: MembershipCause = { inputEventId: message.eventId, kind: message.kind };
    const context: TransitionContext = {
      now,
      timestamp: message.kind === 'event' ? message.occurredAt : message.changedAt,
      cause,
      backfill: false,
      traceparent: input.traceparent,
      receivedAt: message.receivedAt,
    };
    const applied = applyInput(state, message, index);
    if (applied.kind === 'deleted') {
      transitions.push(...removeAllMemberships(state, index, context));
      evaluated.delete(state.profileId);
      return;
    }
    const seen = evaluated.get(state.profileId) ?? new Set<CompiledAudience>();
    evaluated.set(state.profileId, seen);
    for (const audience of applied.affected) {
      const transition = evaluateMembership(state, audience, context);
      if (transition) transitions.push(transition);
      seen.add(audience);
    }
  }
}

/** Which profiles need their stored events loaded, and which audiences decide how far back. */
function audiencesReadingEvents(inputs: readonly ParsedInput[], index: AudienceIndex) {
  const profiles = new Set<string>();
  const audiences = new Set<CompiledAudience>();
  if (index.eventNames.length === 0) return { profiles, audiences };
  const byPath = new Set<CompiledAudience>();
  for (const { message } of inputs) {
    byPath.clear();
    if (message.kind === 'event') for (const audience of index.affectedByEvent(message.name)) byPath.add(audience);
    else index.affectedByPaths([...Object.keys(message.set ?? {}), ...(message.unset ?? [])], byPath);
    for (const audience of byPath) {
      if (audience.eventNames.length === 0) continue;
      profiles.add(message.profileId);
      audiences.add(audience);
    }
  }
  return { profiles, audiences };
}

function dueTimes(
  states: ReadonlyMap<string, ProfileWorkingState>,
  evaluated: ReadonlyMap<string, Set<CompiledAudience>>,
  now: number,
): DueProfile[] {
  const due: DueProfile[] = [];
  for (const [profileId, audiences] of evaluated) {
    const state = states.get(profileId);
    const dueAt = state ? nextDueAt(state, audiences, now) : null;
    if (dueAt !== null) due.push({ profileId, dueAt });
  }
  return due;
}
