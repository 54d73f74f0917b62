import type { PartitionLog } from './event-store';

/** Where a consumer link starts reading, as the SDK expresses it in the source's selector filter. */
export type StartPosition =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'offset'; offset: number; inclusive: boolean }
  | { kind: 'sequence'; sequenceNumber: number; inclusive: boolean }
  | { kind: 'enqueued'; enqueuedTimeMs: number; inclusive: boolean };

export const SELECTOR_FILTER = 'apache.org:selector-filter:string';

const EXPRESSION =
  /^\s*amqp\.annotation\.(x-opt-offset|x-opt-sequence-number|x-opt-enqueued-time)\s*(>=|>)\s*'([^']*)'\s*$/i;

/**
 * Parses `amqp.annotation.x-opt-offset > '123'` and its siblings (`>=`, sequence number, enqueued time in
 * epoch ms, offset `-1` for the start, `@latest` for the end). Throws on anything else, so a consumer
 * asking for something unsupported is refused instead of silently reading from the wrong place.
 */
export function parseSelectorFilter(expression: string | undefined): StartPosition {
  if (expression === undefined) return { kind: 'earliest' };
  const match = EXPRESSION.exec(expression);
  if (!match) throw new Error(`unsupported selector filter: ${expression}`);
  const [, annotation, operator, value] = match;
  const inclusive = operator === '>=';
  switch (annotation.toLowerCase()) {
    case 'x-opt-offset':
      if (value === '@latest') return { kind: 'latest' };
      if (value === '-1' && !inclusive) return { kind: 'earliest' };
      return { kind: 'offset', offset: parseWholeNumber(value, expression), inclusive };
    case 'x-opt-sequence-number':
      return { kind: 'sequence', sequenceNumber: parseWholeNumber(value, expression), inclusive };
    default:
      return { kind: 'enqueued', enqueuedTimeMs: parseWholeNumber(value, expression), inclusive };
  }
}

/** The source's filter map, as rhea decodes it (the value may still be wrapped as a described type). */
export function selectorExpression(filter: unknown): string | undefined {
  if (!filter || typeof filter !== 'object') return undefined;
  const entry = (filter as Record<string, unknown>)[SELECTOR_FILTER];
  if (entry === undefined) return undefined;
  if (typeof entry === 'string') return entry;
  const value = (entry as { value?: unknown }).value;
  if (typeof value === 'string') return value;
  throw new Error('the selector filter is not a string');
}

/** The first sequence number a consumer starting at `position` receives. */
export function startSequenceNumber(log: PartitionLog, position: StartPosition): number {
  switch (position.kind) {
    case 'earliest':
      return log.beginSequenceNumber;
    case 'latest':
      return log.nextSequence;
    case 'offset':
      return log.firstSequenceWhere((event) =>
        position.inclusive ? event.offset >= position.offset : event.offset > position.offset,
      );
    case 'sequence':
      return Math.max(log.beginSequenceNumber, position.sequenceNumber + (position.inclusive ? 0 : 1));
    case 'enqueued':
      return log.firstSequenceWhere((event) => {
        const time = event.enqueuedTime.getTime();
        return position.inclusive ? time >= position.enqueuedTimeMs : time > position.enqueuedTimeMs;
      });
  }
}

function parseWholeNumber(value: string, expression: string): number {
  if (!/^-?\d{1,16}$/.test(value)) throw new Error(`unsupported position value in selector filter: ${expression}`);
  return Number(value);
}
