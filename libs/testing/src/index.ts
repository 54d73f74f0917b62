export * from './env';
export * from './kafka/unique-names';
export * from './kafka/test-bus';
export * from './kafka/read-topic';
export * from './postgres/test-schema';
export * from './process/spawn-ts';
export * from './eventhubs-emulator';
