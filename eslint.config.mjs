import nx from '@nx/eslint-plugin';

/**
 * Projects are tagged on two axes. `type:*` says what a project may depend on (apps on features,
 * features on data access, data access on domain and utilities, contracts on nothing);
 * `scope:*` keeps one service's code out of another's: only `scope:shared` is shared, and the
 * admin API (the control plane) may mount what each area exposes.
 */
const typeConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util', 'type:contracts', 'type:testing'] },
];

const scopeConstraints = [
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
  ...['audience', 'delivery', 'sources'].map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: ['scope:shared', `scope:${scope}`],
  })),
  // Pull sources are one way in: the ingester hosts their scheduler.
  { sourceTag: 'scope:ingestion', onlyDependOnLibsWithTags: ['scope:shared', 'scope:ingestion', 'scope:sources'] },
  // The admin API is the control plane: it mounts each area's read models and actions.
  {
    sourceTag: 'scope:admin',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:admin', 'scope:ingestion', 'scope:audience', 'scope:delivery', 'scope:sources'],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.local/**', '.nx/**', 'coverage/**'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          // Each app's `src/service.ts` (its ServiceDefinition) may be imported by the platform
          // launcher, the one composition root that runs every service in one process.
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^@activation/services/[a-z-]+$'],
          depConstraints: [
            ...typeConstraints,
            ...scopeConstraints,
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Specs and their helpers (`src/testing`) may use the testing library; production code may not.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', 'integration/**/*.ts', 'benchmarks/**/*.ts', 'apps/*/src/testing/**/*.ts', 'libs/*/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.cjs', 'apps/*/webpack.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Build configs share one recipe from tools/; they are not part of any project's code.
    files: ['apps/*/webpack.config.js'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
