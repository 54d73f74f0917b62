import type { KnownRecord, KnownRecords } from './prepare-page';
import { preparePage } from './prepare-page';
import { sha256Hex } from './column-policy';
import type { SourcePage } from './source-page';

const SOURCE = '00000000-0000-4000-8000-000000000001';
const mapping = {
  entities: { users: { profileId: 'id', identifiers: { '7': 'crm' } }, orders: { profileId: 'user' } },
  hashedColumns: ['users.email'],
  blockedColumns: ['ssn'],
  blockedEntities: ['secrets'],
};

function known(records: KnownRecord[] = []): KnownRecords {
  return {
    find: async (entity, key) => records.find((r) => r.entity === entity && r.recordKey === key),
    live: async (entity) => records.filter((r) => r.entity === entity && !r.deleted),
    findMany: async (entity, keys) => records.filter((r) => r.entity === entity && keys.includes(r.recordKey)),
    unseen: async (entity, marker) => records.filter((r) => r.entity === entity && !r.deleted && r.seenMarker !== marker),
  };
}

const page = (over: Partial<SourcePage>): SourcePage => ({ state: {}, upserts: [], deletes: [], softDeleteEntities: [], hasMore: false, notes: [], ...over });
const decode = (value: unknown) => JSON.parse((value as Buffer).toString('utf8'));

describe('preparePage', () => {
  it('hashes and blocks columns before anything leaves, maps identifiers', async () => {
    const prepared = await preparePage(SOURCE, mapping, page({
      upserts: [
        { entity: 'users', primaryKey: ['id'], record: { id: 'u1', email: 'a@x.io', ssn: '123', crm: 'c1', name: null } },
        { entity: 'secrets', primaryKey: ['id'], record: { id: 'u1' } },
      ],
    }), known(), 1_000);
    expect(prepared.messages).toHaveLength(1);
    const change = decode(prepared.messages[0].value);
    expect(change).toMatchObject({ profileId: 'u1', set: { email: sha256Hex('a@x.io') }, unset: ['name'], identifiers: { '7': ['c1'] }, changedAt: 1_000 });
    expect(JSON.stringify(change)).not.toContain('123');
    expect(prepared.counts).toEqual({ upserted: 1, deleted: 0, skipped: 0, rejected: 0 });
  });

  it('derives the same event ids from the same page', async () => {
    const input = page({ upserts: [{ entity: 'users', primaryKey: ['id'], record: { id: 'u1', name: 'A' } }] });
    const [a, b] = await Promise.all([preparePage(SOURCE, mapping, input, known(), 1), preparePage(SOURCE, mapping, input, known(), 2)]);
    expect(a.messages[0].headers).toEqual(expect.objectContaining({ 'x-event-id': b.messages[0].headers!['x-event-id'] }));
  });

  it('soft-deletes every earlier record of the entity; a delete of the same entity has no effect', async () => {
    const before: KnownRecord[] = [
      { entity: 'users', recordKey: '["u1"]', profileId: 'u1', contentHash: 'h1', deleted: false },
      { entity: 'users', recordKey: '["u2"]', profileId: 'u2', contentHash: 'h2', deleted: false },
    ];
    const prepared = await preparePage(SOURCE, mapping, page({
      upserts: [{ entity: 'users', primaryKey: ['id'], record: { id: 'u2', name: 'B' } }],
      deletes: [{ entity: 'users', primaryKey: ['id'], record: { id: 'u2' } }],
      softDeleteEntities: ['users'],
    }), known(before), 5);
    const changes = prepared.messages.map((m) => decode(m.value));
    expect(changes.map((c) => [c.profileId, c.deleted ?? false])).toEqual([['u1', true], ['u2', false]]);
    expect(prepared.notes).toContain('delete of users has no effect: the entity is also soft-deleted');
    expect(prepared.records.find((r) => r.recordKey === '["u1"]')!.deleted).toBe(true);
  });

  it('appends records without a schema, keyed by content, and says so', async () => {
    const prepared = await preparePage(SOURCE, mapping, page({ upserts: [{ entity: 'orders', record: { user: 'u1', total: 3 } }] }), known(), 5);
    expect(prepared.records[0].recordKey).toMatch(/^hash:/);
    expect(prepared.notes).toContain('entity orders has no schema: its records are appended without a key');
  });

  it('rejects records without a profile id and skips unmapped entities', async () => {
    const prepared = await preparePage(SOURCE, mapping, page({
      upserts: [{ entity: 'users', primaryKey: ['id'], record: { id: 'u1' } }, { entity: 'users', primaryKey: ['id'], record: { name: 'x' } }, { entity: 'other', record: { a: 1 } }],
    }), known(), 5);
    expect(prepared.counts).toEqual({ upserted: 1, deleted: 0, skipped: 1, rejected: 1 });
  });
});
