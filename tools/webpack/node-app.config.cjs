const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('path');

/**
 * The webpack build every service shares: a Node bundle of `src/main.ts` in `dist/apps/<app>`.
 * `extraEntries` maps more bundle names to sources: `{ migrate: '/abs/cli.ts' }` adds `migrate.js`.
 * They go in webpack's own `entry` (the plugin adds `main` beside them) so they stay readable
 * without an Nx task context.
 */
module.exports = function nodeAppConfig(appDir, extraEntries = {}) {
  return {
    entry: Object.fromEntries(Object.entries(extraEntries).map(([name, source]) => [name, { import: [source] }])),
    output: { path: join(appDir, '../../dist/apps', basename(appDir)), clean: true },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};
