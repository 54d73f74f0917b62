// One run covers every project: unit specs sit beside the code, integration specs
// (`*.integration-spec.ts`) talk to the real Kafka, Postgres and emulators started by scripts/.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

const swcTransform = {
  '^.+\\.ts$': ['@swc/jest', swcOptions],
};

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: swcTransform,
  moduleNameMapper: {
    '^@activation/services/([a-z-]+)$': '<rootDir>/apps/$1/src/service.ts',
    '^@activation/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/integration'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.cjs',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest/integration-setup.ts'],
      slowTestThreshold: 30,
    },
  ],
};
