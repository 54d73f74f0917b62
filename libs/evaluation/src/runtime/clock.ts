/** Where the evaluator reads the time; injectable so windowed audiences can be tested. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
