import { parseSelectorFilter, selectorExpression, startSequenceNumber } from './event-position-filter';
import { PartitionLog } from './event-store';

function logWithEvents(count: number): PartitionLog {
  const log = new PartitionLog('0');
  for (let i = 0; i < count; i++) log.append([{ message: { body: i }, size: 100 }], undefined, new Date(1_000 * (i + 1)));
  return log;
}

describe('parseSelectorFilter', () => {
  it.each([
    ["amqp.annotation.x-opt-offset > '-1'", { kind: 'earliest' }],
    ["amqp.annotation.x-opt-offset > '@latest'", { kind: 'latest' }],
    ["amqp.annotation.x-opt-offset > '200'", { kind: 'offset', offset: 200, inclusive: false }],
    ["amqp.annotation.x-opt-offset >= '200'", { kind: 'offset', offset: 200, inclusive: true }],
    ["amqp.annotation.x-opt-sequence-number > '4'", { kind: 'sequence', sequenceNumber: 4, inclusive: false }],
    ["amqp.annotation.x-opt-sequence-number >= '4'", { kind: 'sequence', sequenceNumber: 4, inclusive: true }],
    ["amqp.annotation.x-opt-enqueued-time > '1700000000000'", { kind: 'enqueued', enqueuedTimeMs: 1_700_000_000_000, inclusive: false }],
  ])('parses %s', (expression, expected) => {
    expect(parseSelectorFilter(expression)).toEqual(expected);
  });

  it('starts at the beginning without a filter', () => {
    expect(parseSelectorFilter(undefined)).toEqual({ kind: 'earliest' });
  });

  it.each(["amqp.annotation.x-opt-offset < '3'", "amqp.annotation.x-opt-offset > 'abc'", 'DROP TABLE'])('refuses %s', (expression) => {
    expect(() => parseSelectorFilter(expression)).toThrow(/selector filter/);
  });

  it('reads the expression from a described filter value', () => {
    expect(selectorExpression({ 'apache.org:selector-filter:string': { descriptor: 1, value: "x > '1'" } })).toBe("x > '1'");
    expect(selectorExpression(undefined)).toBeUndefined();
  });
});

describe('startSequenceNumber', () => {
  const log = logWithEvents(5); // offsets 0, 100, ..., 400; enqueued at 1 s, 2 s, ..., 5 s

  it.each([
    ["amqp.annotation.x-opt-offset > '-1'", 0],
    ["amqp.annotation.x-opt-offset > '@latest'", 5],
    ["amqp.annotation.x-opt-offset > '100'", 2],
    ["amqp.annotation.x-opt-offset >= '100'", 1],
    ["amqp.annotation.x-opt-offset > '400'", 5],
    ["amqp.annotation.x-opt-sequence-number > '2'", 3],
    ["amqp.annotation.x-opt-sequence-number >= '2'", 2],
    ["amqp.annotation.x-opt-enqueued-time > '2000'", 2],
    ["amqp.annotation.x-opt-enqueued-time >= '2000'", 1],
  ])('%s starts at %i', (expression, expected) => {
    expect(startSequenceNumber(log, parseSelectorFilter(expression))).toBe(expected);
  });

  it('skips expired events', () => {
    const cleared = logWithEvents(3);
    cleared.clear();
    expect(startSequenceNumber(cleared, { kind: 'earliest' })).toBe(3);
    expect(startSequenceNumber(cleared, { kind: 'sequence', sequenceNumber: 0, inclusive: true })).toBe(3);
  });
});
