import { parseEventHubConnectionString } from '@azure/event-hubs';
import { EventHubsConfigurationError } from './eventhubs-configuration-error';

/** What is safe to show of a connection string: where it points, never its key or signature. */
export interface EventHubsTarget {
  namespace: string;
  eventHubName: string;
  keyName?: string;
}

/**
 * Checks a connection string before any client is built: `Endpoint=sb://…`, a key name and key
 * or a shared access signature, and a hub (`EntityPath`, or `eventHubName` when it has none;
 * both must agree). Messages name the problem, never the string.
 */
export function readConnectionString(connectionString: unknown, eventHubName?: string): EventHubsTarget {
  if (typeof connectionString !== 'string' || connectionString.trim().length === 0) {
    throw new EventHubsConfigurationError('the Event Hubs connection string is missing');
  }
  let parsed;
  try {
    parsed = parseEventHubConnectionString(connectionString.trim());
  } catch (error) {
    throw new EventHubsConfigurationError(`the Event Hubs connection string is invalid: ${safeReason(error)}`);
  }
  if (!/^sb:\/\/[^/\s]+\/?$/i.test(parsed.endpoint)) {
    throw new EventHubsConfigurationError('the Event Hubs connection string is invalid: Endpoint must be sb://<namespace host>/');
  }
  if (!parsed.sharedAccessSignature && !(parsed.sharedAccessKey && parsed.sharedAccessKeyName)) {
    throw new EventHubsConfigurationError(
      'the Event Hubs connection string is invalid: it needs SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature',
    );
  }
  if (parsed.eventHubName && eventHubName && parsed.eventHubName !== eventHubName) {
    throw new EventHubsConfigurationError('the connection string\'s EntityPath and the destination\'s eventHubName name different hubs');
  }
  const hub = parsed.eventHubName ?? eventHubName;
  if (!hub) throw new EventHubsConfigurationError('no event hub named: the connection string has no EntityPath and no eventHubName is set');
  return { namespace: parsed.fullyQualifiedNamespace, eventHubName: hub, keyName: parsed.sharedAccessKeyName };
}

/** The SDK's parser messages name keys, not values; anything else is replaced, so no secret leaks. */
function safeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return /^Connection string (should|cannot|with)/.test(message) ? message : 'it is not a list of Key=Value pairs';
}
