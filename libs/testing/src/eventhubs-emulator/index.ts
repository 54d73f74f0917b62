export { startEventHubsEmulator, type EventHubsEmulator } from './eventhubs-emulator';
export type { EventHubsEmulatorOptions, EmulatedHub, EmulatedKey } from './emulator-options';
export type { ReceivedEvent } from './event-codec';
export { createSasToken, type SasTokenInput } from './sas-token';
export { partitionIndexForKey } from './partition-key-hash';
