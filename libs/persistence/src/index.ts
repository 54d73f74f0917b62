export * from './data-source/database-options';
export * from './data-source/create-data-source';
export * from './migrations';
export * from './redaction/redact-secrets';
export * from './dead-letters/typeorm-dead-letter-recorder';
