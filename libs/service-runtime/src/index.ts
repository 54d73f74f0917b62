export * from './tokens/tokens';
export * from './logging/create-logger';
export * from './metrics/metrics';
export * from './service-runtime.module';
export * from './bootstrap/run-service';
export * from './bootstrap/connect-data-source';
export * from './health/health.controller';
export * from './bootstrap/create-message-bus';
