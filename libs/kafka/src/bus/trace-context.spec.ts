import { childTraceparent, newTraceparent, traceIdOf } from './trace-context';

describe('trace context', () => {
  it('keeps the trace id and renews the span id for children', () => {
    const parent = newTraceparent();
    const child = childTraceparent(parent);
    expect(traceIdOf(child)).toBe(traceIdOf(parent));
    expect(child).not.toBe(parent);
  });

  it('starts a new trace when the parent is missing or malformed', () => {
    expect(traceIdOf(childTraceparent(undefined))).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdOf(childTraceparent('garbage'))).toMatch(/^[0-9a-f]{32}$/);
  });
});
