import { readFunctionDestination, readFunctionSubscription } from './function-settings';

describe('function settings', () => {
  it('defaults to one row per call, every trigger, immediate retries', () => {
    const config = readFunctionSubscription({});
    expect(config.batchSize).toBe(1);
    expect([...config.callTypes]).toEqual(['NEW', 'MODIFIED', 'REMOVED']);
    expect(config.retry).toEqual({ mode: 'immediate', attempts: 3 });
    expect(config.primaryKeyColumn).toBe('profile_id');
  });

  it('reads triggers, batching, limits and retries', () => {
    const config = readFunctionSubscription({
      triggers: { add: true, change: false, remove: true }, batchSize: 1000, primaryKeyColumn: 'customer_id',
      rateLimitPerSecond: 5, concurrency: 2, retry: { mode: 'next-run', attempts: 0 },
    });
    expect([...config.callTypes]).toEqual(['NEW', 'REMOVED']);
    expect(config).toMatchObject({ batchSize: 1000, limits: { ratePerSecond: 5, concurrency: 2 }, retry: { mode: 'next-run', attempts: 0 } });
  });

  it('refuses batch sizes outside 1 to 1000 and bad URLs', () => {
    expect(() => readFunctionSubscription({ batchSize: 1001 })).toThrow(/batchSize/);
    expect(() => readFunctionSubscription({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => readFunctionDestination({ url: 'ftp://x' })).toThrow(/url/);
    expect(readFunctionDestination({ url: 'https://f.example.com/api/x', rateLimitPerSecond: 10 })).toEqual({
      url: 'https://f.example.com/api/x', timeoutMs: 10_000, limits: { ratePerSecond: 10, concurrency: undefined },
    });
  });
});
