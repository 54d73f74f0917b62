/*
 * The examples of seed 000 (../shared/seeds/000_*.txt), copied verbatim. Its payloads leave
 * `sync_id` and `sync_run_id` as XXXXX; `withRunIds` puts a call's values in their place.
 */

/** "Example invocation payload": one added row. */
export const SEED_SINGLE_ADD = `{
    "operation": "add",
    "primary_key_column": "customer_id",
    "rows": [
        {
            "customer_id": "928713",
            "email": "john.doe@example.com",
            "first_name": "John",
            "last_name": "Doe"
        }
    ],
    "metadata": {
        "api_version": 1,
        "sync_id": XXXXX,
        "sync_run_id": XXXXX
    }
}`;

/** "Example invocation payload for batching": three added rows in one call. */
export const SEED_BATCH_ADD = `{
    "operation": "add",
    "primary_key_column": "customer_id",
    "rows": [
        {
            "customer_id": "928713",
            "email": "alice.doe@example.com",
            "first_name": "Alice",
            "last_name": "Doe"
        },
        {
            "customer_id": "283743",
            "email": "bob.doe@example.com",
            "first_name": "Bob",
            "last_name": "Doe"
        },
        {
            "customer_id": "162352",
            "email": "carol.doe@example.com",
            "first_name": "Carol",
            "last_name": "Doe"
        }
    ],
    "metadata": {
        "api_version": 1,
        "sync_id": XXXXX,
        "sync_run_id": XXXXX
    }
}`;

/** "Example success response payload". */
export const SEED_SUCCESS_RESPONSE = `{}`;

/** "Example response payload for rejected rows": Alice and Bob rejected. */
export const SEED_REJECTED_ROWS_RESPONSE = `{
    "errors": [
        {
            "primary_key_value": "928713",
            "reason": "Email not found"
        },
        {
            "primary_key_value": "283743",
            "reason": "Email already exists"
        }
    ]
}`;

/** The rows of the examples as profiles: profile id = customer_id, projected values = the other columns. */
export const SEED_CUSTOMERS = {
  john: { profileId: '928713', values: { email: 'john.doe@example.com', first_name: 'John', last_name: 'Doe' } },
  alice: { profileId: '928713', values: { email: 'alice.doe@example.com', first_name: 'Alice', last_name: 'Doe' } },
  bob: { profileId: '283743', values: { email: 'bob.doe@example.com', first_name: 'Bob', last_name: 'Doe' } },
  carol: { profileId: '162352', values: { email: 'carol.doe@example.com', first_name: 'Carol', last_name: 'Doe' } },
} as const;

/** A seed payload with a call's ids, and (for the other operations) its operation, parsed. */
export function seedPayload(example: string, ids: { syncId: number; syncRunId: number }, operation?: 'add' | 'change' | 'remove'): unknown {
  const text = example
    .replace('"sync_id": XXXXX', `"sync_id": ${ids.syncId}`)
    .replace('"sync_run_id": XXXXX', `"sync_run_id": ${ids.syncRunId}`)
    .replace('"operation": "add"', `"operation": "${operation ?? 'add'}"`);
  return JSON.parse(text);
}
