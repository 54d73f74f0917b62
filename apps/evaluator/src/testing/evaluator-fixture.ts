/**
 * The real evaluator service for process-level tests, with the catalog read from AUDIENCES_FILE
 * (JSON array of audience definitions), an optional fixed clock (FIXED_NOW, epoch ms) and an
 * optional crash: CRASH_AT names a crash point, CRASH_AFTER how many times it must be reached
 * before the process kills itself (SIGKILL: no cleanup, no commit).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { AUDIENCE_CATALOG, CRASH_POINTS, InMemoryAudienceCatalog, type CrashHook } from '@activation/evaluation';
import { runService } from '@activation/service-runtime';
import { AppModule } from '../app/app.module';
import { EvaluatorSettings } from '../app/settings';

const env = process.env;
const audiences = JSON.parse(readFileSync(env['AUDIENCES_FILE'] ?? '', 'utf8'));
const fixedNow = env['FIXED_NOW'] ? Number(env['FIXED_NOW']) : undefined;
const crashAt = env['CRASH_AT'];
if (crashAt && !(CRASH_POINTS as readonly string[]).includes(crashAt)) throw new Error(`unknown CRASH_AT ${crashAt}`);
let remaining = Number(env['CRASH_AFTER'] ?? 1);

const crashHook: CrashHook | undefined = crashAt
  ? (point) => {
      if (point !== crashAt || --remaining > 0) return;
      process.stdout.write(`crashing at ${point}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  : undefined;

void runService({
  serviceName: 'evaluator',
  settings: EvaluatorSettings,
  module: (settings) =>
    AppModule.register(settings, {
      catalog: { provide: AUDIENCE_CATALOG, useValue: new InMemoryAudienceCatalog(audiences) },
      clock: fixedNow === undefined ? undefined : { now: () => fixedNow },
      crashHook,
    }),
});
