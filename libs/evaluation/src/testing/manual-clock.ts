import type { Clock } from '../runtime/clock';

/** A clock tests move by hand, to take windowed audiences past their window without waiting. */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  set(time: number): void {
    this.current = time;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
