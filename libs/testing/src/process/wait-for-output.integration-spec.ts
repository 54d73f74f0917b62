import { spawnTs, waitForOutput } from './spawn-ts';

describe('waitForOutput', () => {
  it('fails at once, with the output, when the process exits before printing the text', async () => {
    const started = Date.now();
    const child = spawnTs('libs/testing/src/process/fixtures/exit-at-once.ts');
    await expect(waitForOutput(child, 'ready', 60_000, 'the fixture to start')).rejects.toThrow(/exited with 3 first:\nstarting/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('returns once the text is printed', async () => {
    const child = spawnTs('libs/testing/src/process/fixtures/exit-at-once.ts');
    await expect(waitForOutput(child, 'starting', 60_000, 'the fixture to print')).resolves.toBeUndefined();
    await child.exited;
  });
});
