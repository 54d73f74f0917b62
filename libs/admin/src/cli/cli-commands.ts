import type { INestApplicationContext } from '@nestjs/common';
import { rotateAlertChannelSecrets } from '@activation/alerts';
import { API_KEY_ROLES, CLI_ACTOR, ConfigurationCache, SecretCipher, SecretRotation, type ApiKeyRole } from '@activation/configuration';
import { DATA_SOURCE } from '@activation/service-runtime';
import { CreateApiKeyUseCase } from '../api-keys/create-api-key.use-case';
import { ApplyConfiguration, ApplyFailedError } from './apply/apply-configuration';
import { parseApplyDocument } from './apply/apply-document';
import { readDocumentFile } from './apply/read-document-file';

export type Print = (line: string) => void;

/** `apply -f <file>`: exit code 0 when applied, 1 when the file or an entity is invalid. */
export async function applyCommand(app: INestApplicationContext, file: string, print: Print): Promise<number> {
  const parsed = parseApplyDocument(await readDocumentFile(file));
  if (!parsed.ok) {
    for (const error of parsed.errors) print(`invalid ${error.path}: ${error.message}`);
    return 1;
  }
  try {
    await app.get(ApplyConfiguration).apply(parsed.document, process.env, (outcome) => print(`${outcome.entity} ${outcome.key}: ${outcome.result}`));
    return 0;
  } catch (error) {
    if (!(error instanceof ApplyFailedError)) throw error;
    for (const field of error.errors) print(`invalid ${field.path}: ${field.message}`);
    print('stopped there: the entities listed above were applied; fix the file and apply it again');
    return 1;
  }
}

/** `rotate-secrets [--check]`: re-encrypts every secret under SECRETS_ACTIVE_KEY_ID. */
export async function rotateSecretsCommand(app: INestApplicationContext, checkOnly: boolean, print: Print): Promise<number> {
  const rotation = app.get(SecretRotation);
  const alertChannels = (only: boolean) => rotateAlertChannelSecrets(app.get(DATA_SOURCE), app.get(SecretCipher), { checkOnly: only });
  const alertPart = (count: number) => (count > 0 ? `, ${count} alert channel(s)` : '');
  if (checkOnly) {
    const pending = await rotation.pending();
    const alerts = (await alertChannels(true)).pending;
    print(`not under the active key: ${pending.destinations} destination(s), ${pending.webhookSources} webhook source(s)${alertPart(alerts)}`);
    return pending.destinations + pending.webhookSources + alerts === 0 ? 0 : 2;
  }
  const rotated = await rotation.rotate(CLI_ACTOR);
  const alerts = (await alertChannels(false)).rotated;
  print(`re-encrypted: ${rotated.destinations} destination(s), ${rotated.webhookSources} webhook source(s)${alertPart(alerts)}`);
  return 0;
}

/** `create-api-key --name <name> --role <role>...`: prints the key once. */
export async function createApiKeyCommand(app: INestApplicationContext, name: string | undefined, roles: string[], print: Print): Promise<number> {
  const invalid = roles.filter((role) => !(API_KEY_ROLES as readonly string[]).includes(role));
  if (!name || roles.length === 0 || invalid.length > 0) {
    print(`usage: create-api-key --name <name> --role <${API_KEY_ROLES.join('|')}> [--role ...]`);
    return 1;
  }
  const created = await app.get(CreateApiKeyUseCase).execute({ actor: CLI_ACTOR, name, roles: [...new Set(roles)] as ApiKeyRole[] });
  print(JSON.stringify({ id: created.id, name: created.name, roles: created.roles, key: created.key }));
  return 0;
}

/**
 * `watch`: runs a configuration cache like any service and prints one JSON line per change it
 * sees, to check that changes reach services (and how fast).
 */
export async function watchCommand(app: INestApplicationContext, print: Print): Promise<never> {
  const cache = app.get(ConfigurationCache);
  cache.onConfigurationChange((change) => {
    print(JSON.stringify({ event: 'change', entity: change.entity, id: change.id, exists: change.current !== undefined, current: change.current, seenAt: Date.now() }));
  });
  const audiences = await cache.list();
  print(JSON.stringify({ event: 'ready', audiences: audiences.length, destinations: cache.allDestinations().length, subscriptions: cache.allSubscriptions().length }));
  return new Promise<never>(() => undefined);
}
