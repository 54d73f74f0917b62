import { traceIdOf } from '@activation/kafka';
import type { QueuedRow } from '../model/delivery-row';
import { queuedRow } from '../testing/membership-fixtures';
import { callTraceIds, callTraceparent, MAX_CALL_TRACE_IDS } from './call-trace';

const traceId = (n: number) => n.toString(16).padStart(32, '0');
const traced = (id: string, traceparent?: string): QueuedRow => {
  const row = queuedRow({ id, primaryKey: `k${id}` });
  return traceparent === undefined ? row : { ...row, envelope: { ...row.envelope, traceparent } };
};
const parentOf = (n: number, span = 'b7ad6b7169203331') => `00-${traceId(n)}-${span}-01`;

describe('callTraceIds', () => {
  it('lists the distinct trace ids of the rows in order, skipping rows without one', () => {
    const rows = [traced('1', parentOf(2)), traced('2'), traced('3', parentOf(1)), traced('4', parentOf(2, '00f067aa0ba902b7'))];
    expect(callTraceIds(rows)).toEqual([traceId(2), traceId(1)]);
  });

  it('keeps at most MAX_CALL_TRACE_IDS', () => {
    const rows = Array.from({ length: MAX_CALL_TRACE_IDS + 5 }, (_, index) => traced(String(index), parentOf(index + 1)));
    expect(callTraceIds(rows)).toEqual(Array.from({ length: MAX_CALL_TRACE_IDS }, (_, index) => traceId(index + 1)));
  });
});

describe('callTraceparent', () => {
  it('continues the one trace of the call with a new span id', () => {
    const parent = parentOf(7);
    const child = callTraceparent([traced('1', parent), traced('2'), traced('3', parentOf(7, '00f067aa0ba902b7'))]);
    expect(traceIdOf(child)).toBe(traceId(7));
    expect(child).not.toBe(parent);
    expect(child).toMatch(/-01$/);
  });

  it('sends none when the rows belong to several traces or to none', () => {
    expect(callTraceparent([traced('1', parentOf(1)), traced('2', parentOf(2))])).toBeUndefined();
    expect(callTraceparent([traced('1'), traced('2')])).toBeUndefined();
  });
});
