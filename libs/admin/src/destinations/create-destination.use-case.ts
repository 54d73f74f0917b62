import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ConfigurationWriter, DestinationRepository, SecretCipher, auditChanges, mergeSecrets, secretOwner,
  validateDestinationSecrets, validateDestinationSettings, validatePgpPublicKeySecret, type Actor, type DestinationKind,
} from '@activation/configuration';
import { assertNoFieldErrors } from '../problem-details/problem';
import { toDestinationView, type DestinationView } from './destination.view';

export interface CreateDestinationCommand {
  actor: Actor;
  name: string;
  kind: DestinationKind;
  settings: Record<string, unknown>;
  secrets?: Record<string, string | null>;
  enabled?: boolean;
}

/** Stores a destination; its secrets are encrypted before they reach the database. */
@Injectable()
export class CreateDestinationUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly destinations: DestinationRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(command: CreateDestinationCommand): Promise<DestinationView> {
    assertNoFieldErrors([
      ...validateDestinationSettings(command.kind, command.settings),
      ...validateDestinationSecrets(command.kind, command.secrets, []),
    ]);
    assertNoFieldErrors(await validatePgpPublicKeySecret(command.kind, command.secrets));
    const id = randomUUID();
    const secrets = mergeSecrets(this.cipher, {}, command.secrets, secretOwner.destination(id));
    return this.writer.change({ entity: 'destination', action: 'created', actor: command.actor }, async (manager) => {
      const saved = await this.destinations.insert(manager, {
        id,
        name: command.name,
        kind: command.kind,
        settings: command.settings,
        secrets,
        enabled: command.enabled ?? true,
      });
      const view = toDestinationView(saved);
      return { result: view, entityId: id, changes: auditChanges(null, { ...view }, Object.keys(secrets)) };
    });
  }
}
