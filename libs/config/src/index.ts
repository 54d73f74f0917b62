export * from './load-config';
export * from './platform-settings';
export * from './secret-setting';
export * from './transforms';
