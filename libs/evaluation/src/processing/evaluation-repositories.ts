import { EventRepository } from '../repositories/event-repository';
import { MembershipCountRepository } from '../repositories/membership-count-repository';
import { MembershipRepository } from '../repositories/membership-repository';
import { OutboxRepository } from '../repositories/outbox-repository';
import { ProcessedInputRepository } from '../repositories/processed-input-repository';
import { ProfileLocks } from '../repositories/profile-locks';
import { ProfileRepository } from '../repositories/profile-repository';
import { ScheduleRepository } from '../repositories/schedule-repository';
import { EvaluationStateWriter } from './evaluation-state-writer';

/** The repositories every unit of work uses, created once per process. */
export class EvaluationRepositories {
  readonly locks = new ProfileLocks();
  readonly processed = new ProcessedInputRepository();
  readonly profiles = new ProfileRepository();
  readonly events = new EventRepository();
  readonly memberships = new MembershipRepository();
  readonly outbox = new OutboxRepository();
  readonly schedule = new ScheduleRepository();
  readonly counts = new MembershipCountRepository();
  readonly writer = new EvaluationStateWriter(
    this.profiles, this.events, this.memberships, this.outbox, this.schedule, this.counts,
  );
}
