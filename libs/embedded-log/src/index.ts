export * from './embedded-log-bus';
export * from './consumer/consumer-timings';
export { UnknownTopicError } from './log/topic-registry';
export * from './partitioner/partitioner';
export * from './partitioner/murmur2';
export * from './embedded-postgres/start-embedded-postgres';
export * from './log/log-range-reader';
