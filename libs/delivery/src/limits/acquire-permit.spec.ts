import { acquirePermit } from './acquire-permit';
import { LimitLayer } from './limit-layer';

const running = { stopped: false, onStop: () => () => undefined };

describe('acquirePermit wait accounting', () => {
  it('reports no wait when every layer allows the call at once', async () => {
    const permit = await acquirePermit([new LimitLayer({ ratePerSecond: 10 }, 1_000)], running);
    expect(permit?.waitedMs).toEqual({});
  });

  it('attributes the time waited to the rate window', async () => {
    const layer = new LimitLayer({ ratePerSecond: 1 }, 200);
    (await acquirePermit([layer], running))?.release();
    const permit = await acquirePermit([layer], running);
    expect(permit?.waitedMs.rate).toBeGreaterThanOrEqual(150);
    expect(Object.keys(permit?.waitedMs ?? {})).toEqual(['rate']);
  });

  it('attributes the time waited to a busy slot, then to a Retry-After pause', async () => {
    const busy = new LimitLayer({ concurrency: 1 }, 1_000);
    const first = await acquirePermit([busy], running);
    setTimeout(() => first?.release(), 100);
    const second = await acquirePermit([busy], running);
    expect(second?.waitedMs.concurrency).toBeGreaterThanOrEqual(80);
    second?.release();

    const paused = new LimitLayer({}, 1_000);
    paused.pauseUntil(performance.now() + 150);
    const third = await acquirePermit([new LimitLayer({}, 1_000), paused], running);
    expect(third?.waitedMs['retry-after']).toBeGreaterThanOrEqual(120);
    expect(third?.waitedMs.rate).toBeUndefined();
  });
});
