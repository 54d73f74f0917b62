import type { CallType } from '@activation/contracts';
import type { QueuedRow } from '@activation/delivery';

export type FunctionOperation = 'add' | 'change' | 'remove';

export const FUNCTION_API_VERSION = 1;

/** Seed 000's invocation payload; key order as in its examples. */
export interface FunctionPayload {
  operation: FunctionOperation;
  primary_key_column: string;
  rows: Array<Record<string, unknown>>;
  metadata: { api_version: number; sync_id: number; sync_run_id: number };
}

const OPERATIONS: Record<CallType, FunctionOperation> = { NEW: 'add', MODIFIED: 'change', REMOVED: 'remove' };

export function operationOf(callType: CallType): FunctionOperation {
  return OPERATIONS[callType];
}

/**
 * One call's payload: the rows' projected values with the primary key first (a projected field
 * of the same name never replaces it). A removed row carries its last projected values.
 */
export function functionPayload(input: {
  callType: CallType;
  primaryKeyColumn: string;
  rows: ReadonlyArray<Pick<QueuedRow, 'primaryKey' | 'values'>>;
  syncId: number;
  syncRunId: number;
}): FunctionPayload {
  return {
    operation: operationOf(input.callType),
    primary_key_column: input.primaryKeyColumn,
    rows: input.rows.map((row) => {
      const out: Record<string, unknown> = { [input.primaryKeyColumn]: row.primaryKey };
      for (const [name, value] of Object.entries(row.values)) if (name !== input.primaryKeyColumn) out[name] = value;
      return out;
    }),
    metadata: { api_version: FUNCTION_API_VERSION, sync_id: input.syncId, sync_run_id: input.syncRunId },
  };
}
