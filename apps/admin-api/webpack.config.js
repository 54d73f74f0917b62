const { join } = require('path');

// The image also carries the migration CLI, so Kubernetes can run `node migrate.js` (k8s/base/migrate-job.yaml).
module.exports = require('../../tools/webpack/node-app.config.cjs')(__dirname, {
  migrate: join(__dirname, '../../libs/persistence/src/cli/migrate.ts'),
});
