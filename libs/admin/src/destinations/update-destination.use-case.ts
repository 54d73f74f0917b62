import { Injectable } from '@nestjs/common';
import {
  ConfigurationWriter, DestinationRepository, SecretCipher, auditChanges, mergeSecrets, secretOwner,
  validateDestinationSecrets, validateDestinationSettings, validatePgpPublicKeySecret, type Actor,
} from '@activation/configuration';
import { assertNoFieldErrors, ProblemException } from '../problem-details/problem';
import { toDestinationView, type DestinationView } from './destination.view';

export interface UpdateDestinationCommand {
  actor: Actor;
  id: string;
  name?: string;
  settings?: Record<string, unknown>;
  secrets?: Record<string, string | null>;
  enabled?: boolean;
}

/** Changes a destination; secrets not named in the change stay as stored (never decrypted here). */
@Injectable()
export class UpdateDestinationUseCase {
  constructor(
    private readonly writer: ConfigurationWriter,
    private readonly destinations: DestinationRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(command: UpdateDestinationCommand): Promise<DestinationView> {
    return this.writer.change({ entity: 'destination', action: 'updated', actor: command.actor }, async (manager) => {
      const existing = await this.destinations.findForUpdate(manager, command.id);
      if (!existing) throw ProblemException.notFound('destination', command.id);
      assertNoFieldErrors([
        ...(command.settings ? validateDestinationSettings(existing.kind, command.settings) : []),
        ...validateDestinationSecrets(existing.kind, command.secrets, Object.keys(existing.secrets)),
      ]);
      assertNoFieldErrors(await validatePgpPublicKeySecret(existing.kind, command.secrets));
      const secrets = mergeSecrets(this.cipher, existing.secrets, command.secrets, secretOwner.destination(command.id));
      const saved = await this.destinations.update(manager, command.id, {
        name: command.name ?? existing.name,
        settings: command.settings ?? existing.settings,
        secrets,
        enabled: command.enabled ?? existing.enabled,
      });
      const view = toDestinationView(saved);
      return {
        result: view,
        entityId: command.id,
        changes: auditChanges({ ...toDestinationView(existing) }, { ...view }, Object.keys(command.secrets ?? {})),
      };
    });
  }
}
