import 'reflect-metadata';
import { runCli } from '@activation/admin';

/**
 * Runs a configuration cache like any service and prints each change it sees as a JSON line
 * (the same as `npm run cli -- watch`), to check that changes reach services and how fast.
 */
runCli(['watch']).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
