import { SlidingWindow } from './sliding-window';

describe('SlidingWindow', () => {
  it('never lets more than the limit start within one window', () => {
    const window = new SlidingWindow(3, 1_000);
    const starts: number[] = [];
    for (let now = 0; now < 10_000; now += 7) {
      if (window.waitMs(now) === 0) {
        window.record(now);
        starts.push(now);
      }
    }
    for (let i = 3; i < starts.length; i += 1) expect(starts[i] - starts[i - 3]).toBeGreaterThanOrEqual(1_000);
    expect(starts.length).toBeGreaterThanOrEqual(27);
  });

  it('tells how long to wait and takes back a cancelled start', () => {
    const window = new SlidingWindow(2, 1_000);
    window.record(0);
    window.record(100);
    expect(window.waitMs(500)).toBe(500);
    window.cancel(100);
    expect(window.waitMs(500)).toBe(0);
  });
});
