import type { CallType } from '@activation/contracts';
import { SEED_BATCH_ADD, SEED_CUSTOMERS, SEED_SINGLE_ADD, seedPayload } from '../testing/seed-000-examples';
import { functionPayload } from './function-payload';

const ids = { syncId: 17, syncRunId: 4 };
const build = (callType: CallType, customers: ReadonlyArray<{ profileId: string; values: Record<string, unknown> }>) =>
  functionPayload({
    callType,
    primaryKeyColumn: 'customer_id',
    rows: customers.map((customer) => ({ primaryKey: customer.profileId, values: customer.values })),
    ...ids,
  });

describe('functionPayload (seed 000 examples)', () => {
  it('builds the single-row example exactly, key order included', () => {
    const payload = build('NEW', [SEED_CUSTOMERS.john]);
    expect(JSON.stringify(payload)).toBe(JSON.stringify(seedPayload(SEED_SINGLE_ADD, ids)));
  });

  it('builds the batching example exactly', () => {
    const payload = build('NEW', [SEED_CUSTOMERS.alice, SEED_CUSTOMERS.bob, SEED_CUSTOMERS.carol]);
    expect(JSON.stringify(payload)).toBe(JSON.stringify(seedPayload(SEED_BATCH_ADD, ids)));
  });

  it.each([
    ['MODIFIED', 'change'],
    ['REMOVED', 'remove'],
  ] as const)('maps %s to the "%s" operation with the same row shape', (callType, operation) => {
    expect(build(callType, [SEED_CUSTOMERS.john])).toEqual(seedPayload(SEED_SINGLE_ADD, ids, operation));
    expect(build(callType, [SEED_CUSTOMERS.alice, SEED_CUSTOMERS.bob, SEED_CUSTOMERS.carol])).toEqual(seedPayload(SEED_BATCH_ADD, ids, operation));
  });

  it('keeps the primary key when a projected field has its name', () => {
    const payload = functionPayload({ callType: 'NEW', primaryKeyColumn: 'id', rows: [{ primaryKey: 'p1', values: { id: 'other', a: 1 } }], syncId: 1, syncRunId: 1 });
    expect(payload.rows).toEqual([{ id: 'p1', a: 1 }]);
  });
});
