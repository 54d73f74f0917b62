import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ContainerClient, RestError } from '@azure/storage-blob';
import { PGP_PUBLIC_KEY_SECRET, pgpPublicKeyProblem, type DestinationConfig, type DestinationTester, type DestinationTestResult } from '@activation/configuration';
import { EVENT_EXPORT_CONNECTION_SECRET } from '../runner/export-runner';

const PROBE_TIMEOUT_MS = 15_000;
/** An entity tag no blob has: the probe upload can never be applied. */
const NO_BLOB_ETAG = '"0x0"';

/**
 * "Test destination" of an event export. It never creates or changes anything: the container must
 * already exist (a run does not create it either). One upload is sent under a condition that cannot
 * hold, to a name no blob has. Blob storage checks the credentials, then the permission to write,
 * then that the container exists, before the condition: "condition not met" means a run can write
 * there, and every other answer names what is wrong. Listing is not checked: runs never list.
 */
export class EventExportDestinationTester implements DestinationTester {
  constructor(private readonly timeoutMs = PROBE_TIMEOUT_MS) {}

  async test(destination: DestinationConfig, secrets: Readonly<Record<string, string>>): Promise<DestinationTestResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const container = destination.settings['container'];
    const connectionString = secrets[EVENT_EXPORT_CONNECTION_SECRET];
    if (typeof container !== 'string' || !connectionString) {
      return { ok: false, latencyMs: 0, detail: `configuration: the destination needs a container and the ${EVENT_EXPORT_CONNECTION_SECRET} secret.` };
    }
    const armoredKey = secrets[PGP_PUBLIC_KEY_SECRET];
    const keyProblem = armoredKey ? await pgpPublicKeyProblem(armoredKey) : undefined;
    if (keyProblem) return { ok: false, latencyMs: elapsed(), detail: `configuration: ${PGP_PUBLIC_KEY_SECRET} cannot encrypt: ${keyProblem}.` };

    let client: ContainerClient;
    try {
      client = new ContainerClient(connectionString, container, { retryOptions: { maxTries: 1 } });
    } catch (error) {
      return { ok: false, latencyMs: elapsed(), detail: `configuration: the ${EVENT_EXPORT_CONNECTION_SECRET} secret cannot be read (${(error as Error).message}).` };
    }
    try {
      await client.getBlockBlobClient(`event-export-write-check-${randomUUID()}`).upload('', 0, {
        conditions: { ifMatch: NO_BLOB_ETAG }, abortSignal: AbortSignal.timeout(this.timeoutMs),
      });
      // Unreachable against Blob storage: the condition cannot hold.
      return { ok: true, latencyMs: elapsed(), detail: `container "${container}" accepts writes.` };
    } catch (error) {
      return { latencyMs: elapsed(), ...probeAnswer(container, error) };
    }
  }
}

function probeAnswer(container: string, error: unknown): Omit<DestinationTestResult, 'latencyMs'> {
  const message = firstLine(error);
  if (!(error instanceof RestError) || error.statusCode === undefined) {
    const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
    return { ok: false, detail: timedOut ? 'timeout: Blob storage did not answer in time.' : `connection: Blob storage could not be reached (${message}).` };
  }
  const status = error.statusCode;
  switch (error.code) {
    case 'ConditionNotMet':
    case 'BlobNotFound':
      return { ok: true, status, detail: `container "${container}" exists and the connection string may write to it.` };
    case 'ContainerNotFound':
      return { ok: false, status, detail: `container "${container}" does not exist. Create it first: event exports do not create their container.` };
    case 'AuthorizationPermissionMismatch':
    case 'AuthorizationResourceTypeMismatch':
    case 'AuthorizationServiceMismatch':
      return { ok: false, status, detail: `container "${container}": the connection string may not write blobs there (${message})` };
    default:
      return { ok: false, status, detail: `container "${container}": Blob storage answered ${status}${error.code ? ` ${error.code}` : ''}: ${message}` };
  }
}

/** Blob storage appends request ids and times on further lines. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].trim();
}
