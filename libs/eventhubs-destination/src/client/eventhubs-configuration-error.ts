/** A destination's Event Hubs settings (connection string, hub name) cannot be used; never carries a secret. */
export class EventHubsConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventHubsConfigurationError';
  }
}
