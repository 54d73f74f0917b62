import { Logger as NestLogger } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { createLogger } from './create-logger';
import { ScopedNestLogger } from './scoped-nest-logger';
import { ServiceLogScope } from './service-log-scope';

describe('ScopedNestLogger', () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  const logger = (service: string) => createLogger(service, 'info', destination);

  beforeEach(() => (lines.length = 0));
  afterAll(() => NestLogger.overrideLogger(true));

  it("writes Nest's process-wide lines with the name of the service in scope, the fallback's outside any", async () => {
    // As in the platform: the logger installed last is the one Nest keeps for the whole process.
    NestLogger.overrideLogger(new ScopedNestLogger(logger('platform')));
    const nest = new NestLogger('ingest');
    const ingester = logger('ingester');
    const evaluator = logger('evaluator');

    await ServiceLogScope.run(ingester, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      nest.log('in the ingester');
    });
    ServiceLogScope.run(evaluator, () => nest.warn('in the evaluator'));
    nest.log('outside');

    expect(lines).toEqual([
      expect.objectContaining({ service: 'ingester', level: 'info', context: 'ingest', msg: 'in the ingester' }),
      expect.objectContaining({ service: 'evaluator', level: 'warn', context: 'ingest', msg: 'in the evaluator' }),
      expect.objectContaining({ service: 'platform', level: 'info', context: 'ingest', msg: 'outside' }),
    ]);
  });

  it('keeps the stack Nest passes with an error, and an Error given as the message', () => {
    const nestLogger = new ScopedNestLogger(logger('admin-api'));
    nestLogger.error('request failed', 'Error: boom\n    at handler (app.js:1:1)', 'ExceptionsHandler');
    nestLogger.error(new Error('lost connection'), 'Database');

    expect(lines[0]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'request failed', err: { stack: expect.stringContaining('at handler') } });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'Database', msg: 'lost connection', err: { message: 'lost connection' } });
  });
});
