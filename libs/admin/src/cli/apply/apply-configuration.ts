import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import type { FieldError } from '@activation/contracts';
import {
  AudienceRepository, CLI_ACTOR, DestinationRepository, EMPTY_PROJECTION, SecretCipher, SubscriptionRepository,
  normalizeProjection, prefixPath, secretOwner, type SubscriptionProjection,
} from '@activation/configuration';
import type { CreateAudienceDto } from '../../audiences/audience.dto';
import { CreateAudienceUseCase } from '../../audiences/create-audience.use-case';
import { UpdateAudienceUseCase } from '../../audiences/update-audience.use-case';
import type { CreateDestinationDto } from '../../destinations/destination.dto';
import { CreateDestinationUseCase } from '../../destinations/create-destination.use-case';
import { UpdateDestinationUseCase } from '../../destinations/update-destination.use-case';
import { ProblemException } from '../../problem-details/problem';
import { CreateSubscriptionUseCase } from '../../subscriptions/create-subscription.use-case';
import { UpdateSubscriptionUseCase } from '../../subscriptions/update-subscription.use-case';
import type { ApplyDocument, SubscriptionEntry } from './apply-document';
import { substituteSecrets } from './substitute-env';

export interface ApplyOutcome {
  entity: 'audience' | 'destination' | 'subscription';
  key: string;
  result: 'created' | 'updated' | 'unchanged';
}

export class ApplyFailedError extends Error {
  constructor(readonly errors: FieldError[], detail: string) {
    super(detail);
    this.name = 'ApplyFailedError';
  }
}

/**
 * Makes the stored configuration match a description, through the same use cases as the API
 * (validation, audit log as `cli`, change messages). Entities are matched by audience slug,
 * destination name and subscription name; an unchanged entity is left alone, so applying a file
 * twice changes nothing the second time. It stops at the first invalid entity (those before it
 * are applied; fix the file and apply again).
 */
@Injectable()
export class ApplyConfiguration {
  constructor(
    private readonly audiences: AudienceRepository,
    private readonly destinations: DestinationRepository,
    private readonly subscriptions: SubscriptionRepository,
    private readonly cipher: SecretCipher,
    private readonly createAudience: CreateAudienceUseCase,
    private readonly updateAudience: UpdateAudienceUseCase,
    private readonly createDestination: CreateDestinationUseCase,
    private readonly updateDestination: UpdateDestinationUseCase,
    private readonly createSubscription: CreateSubscriptionUseCase,
    private readonly updateSubscription: UpdateSubscriptionUseCase,
  ) {}

  /** `onOutcome` hears each entity as it is done, so a failure later in the file leaves a record of what was applied. */
  async apply(document: ApplyDocument, env: NodeJS.ProcessEnv = process.env, onOutcome?: (outcome: ApplyOutcome) => void): Promise<ApplyOutcome[]> {
    const outcomes: ApplyOutcome[] = [];
    const record = (outcome: ApplyOutcome) => {
      outcomes.push(outcome);
      onOutcome?.(outcome);
    };
    for (const [index, entry] of (document.audiences ?? []).entries()) {
      record(await at(`$.audiences[${index}]`, () => this.applyAudience(entry)));
    }
    for (const [index, entry] of (document.destinations ?? []).entries()) {
      const path = `$.destinations[${index}]`;
      record(await at(path, () => this.applyDestination(entry, substituteSecrets(entry.secrets, env, `${path}.secrets`))));
    }
    for (const [index, entry] of (document.subscriptions ?? []).entries()) {
      record(await at(`$.subscriptions[${index}]`, () => this.applySubscription(entry)));
    }
    return outcomes;
  }

  private async applyAudience(entry: CreateAudienceDto): Promise<ApplyOutcome> {
    const outcome = (result: ApplyOutcome['result']): ApplyOutcome => ({ entity: 'audience', key: entry.slug, result });
    const existing = await this.audiences.findBySlug(entry.slug);
    if (!existing) {
      await this.createAudience.execute({ actor: CLI_ACTOR, ...entry });
      return outcome('created');
    }
    // The file is the whole wanted state: a key left out means its default, not "keep what is stored".
    const wanted = {
      name: entry.name,
      description: entry.description ?? null,
      rule: entry.rule,
      projectedVariables: entry.projectedVariables ?? [],
      status: entry.status ?? 'active',
    };
    const current = { name: existing.name, description: existing.description, rule: existing.rule, projectedVariables: existing.projectedVariables, status: existing.status };
    if (isDeepStrictEqual(wanted, current)) return outcome('unchanged');
    await this.updateAudience.execute({ actor: CLI_ACTOR, id: existing.id, ...wanted });
    return outcome('updated');
  }

  private async applyDestination(entry: CreateDestinationDto, secrets: Record<string, string | null> | undefined): Promise<ApplyOutcome> {
    const outcome = (result: ApplyOutcome['result']): ApplyOutcome => ({ entity: 'destination', key: entry.name, result });
    const existing = await this.destinations.findByName(entry.name);
    if (!existing) {
      await this.createDestination.execute({ actor: CLI_ACTOR, ...entry, secrets });
      return outcome('created');
    }
    if (existing.kind !== entry.kind) {
      throw ProblemException.invalid([{ path: '$.kind', message: `the destination exists as "${existing.kind}"; a kind cannot change` }]);
    }
    const stored = this.cipher.decryptAll(existing.secrets, secretOwner.destination(existing.id));
    const secretChanges = Object.fromEntries(Object.entries(secrets ?? {}).filter(([name, value]) => (value === null ? name in stored : stored[name] !== value)));
    const enabled = entry.enabled ?? true;
    if (isDeepStrictEqual(entry.settings, existing.settings) && enabled === existing.enabled && Object.keys(secretChanges).length === 0) {
      return outcome('unchanged');
    }
    await this.updateDestination.execute({ actor: CLI_ACTOR, id: existing.id, settings: entry.settings, secrets: secretChanges, enabled });
    return outcome('updated');
  }

  private async applySubscription(entry: SubscriptionEntry): Promise<ApplyOutcome> {
    const outcome = (result: ApplyOutcome['result']): ApplyOutcome => ({ entity: 'subscription', key: entry.name, result });
    const audience = await this.audiences.findBySlug(entry.audience);
    const destination = await this.destinations.findByName(entry.destination);
    if (!audience || !destination) {
      const missing: FieldError[] = [
        ...(audience ? [] : [{ path: '$.audience', message: `no audience has the slug "${entry.audience}"` }]),
        ...(destination ? [] : [{ path: '$.destination', message: `no destination is named "${entry.destination}"` }]),
      ];
      throw ProblemException.invalid(missing);
    }
    const existing = await this.subscriptions.findByName(entry.name);
    const fields = { settings: entry.settings ?? {}, projection: entry.projection ?? EMPTY_PROJECTION, initialSync: entry.initialSync ?? 'backfill', enabled: entry.enabled ?? true };
    if (!existing) {
      await this.createSubscription.execute({ actor: CLI_ACTOR, name: entry.name, audienceId: audience.id, destinationId: destination.id, ...fields });
      return outcome('created');
    }
    if (existing.audienceId !== audience.id || existing.destinationId !== destination.id) {
      throw ProblemException.invalid([{ path: '$.audience', message: 'a subscription keeps its audience and destination; use a new name' }]);
    }
    const current = { settings: existing.settings, projection: existing.projection, initialSync: existing.initialSync, enabled: existing.enabled };
    const wanted = { ...fields, projection: comparableProjection(fields.projection) };
    if (isDeepStrictEqual(wanted, current)) return outcome('unchanged');
    await this.updateSubscription.execute({ actor: CLI_ACTOR, id: existing.id, ...fields });
    return outcome('updated');
  }
}

function comparableProjection(projection: unknown): unknown {
  const candidate = projection as SubscriptionProjection;
  return Array.isArray(candidate?.fields) ? normalizeProjection(candidate) : projection;
}

/** Runs one entity's step; its problems are reported under the entity's path in the document. */
async function at<T>(path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ProblemException) {
      const errors = (error.errors ?? []).map((field) => ({ path: prefixPath(field.path, path), message: field.message }));
      throw new ApplyFailedError(errors.length > 0 ? errors : [{ path, message: error.detail ?? error.message }], `${path}: ${error.detail ?? error.message}`);
    }
    if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
      throw new ApplyFailedError([{ path, message: 'a unique name or slug is already taken' }], `${path}: conflict`);
    }
    throw error;
  }
}
