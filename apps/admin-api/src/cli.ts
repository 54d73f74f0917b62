import 'reflect-metadata';
import { runCli } from '@activation/admin';

/** `npm run cli -- <command>`; see libs/admin/src/cli/run-cli.ts for the commands. */
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
