import { startEventHubsEmulator, type EventHubsEmulator } from '@activation/testing';
import { LyticsDestinationAdapter } from '../adapter/lytics-adapter';
import { LyticsDestinationTester } from '../adapter/lytics-destination-tester';
import type { DocumentRow } from '../document/document-row';
import { call, lyticsSubscription, queued } from '../testing/delivery-fixtures';
import { readDocuments } from '../testing/read-documents';
import { seed004Rows } from '../testing/seed-004-example';

const KEY = { name: 'RootManageSharedAccessKey', key: 'YWRhcHRlci1rZXk=' };
const fast = { publisher: { retry: { maxRetries: 0, timeoutInMs: 2_000 } } };
const forProfile = (row: DocumentRow, profileId: string, evaluationId: string): DocumentRow => ({
  ...row, values: { ...row.values, user_id: profileId }, envelope: { ...row.envelope, profileId, evaluationId },
});

/** The adapter against the Event Hubs emulator, read back with the real consumer client. */
describe('LyticsDestinationAdapter with Event Hubs', () => {
  let emulator: EventHubsEmulator;
  const adapter = new LyticsDestinationAdapter(fast);

  beforeAll(async () => {
    emulator = await startEventHubsEmulator({ hubs: [{ name: 'grouped', partitions: 2 }, { name: 'failing', partitions: 1 }, { name: 'redacted', partitions: 1 }, { name: 'partial', partitions: 2 }], keys: [KEY] });
  });

  afterAll(() => emulator?.stop());

  it('puts the rows of one evaluation that two subscriptions of a destination deliver at once into one document', async () => {
    const destination = { id: 'd-grouped', connectionString: emulator.connectionString('grouped'), settings: { groupWindowMs: 200 } };
    const exits = lyticsSubscription(1, destination);
    const enters = lyticsSubscription(2, destination);
    expect(adapter.plan(exits).callTypes).toEqual(new Set(['NEW', 'REMOVED']));
    const senders = [adapter.createSender(exits), adapter.createSender(enters)];
    const [exitRow, enterRow] = seed004Rows('evaluation-1');
    const results = await Promise.all([
      senders[0].send(call(1, [queued(exitRow, 1)])),
      senders[1].send(call(2, [queued(enterRow, 2), queued(forProfile(enterRow, 'other-user', 'evaluation-2'), 2)])),
    ]);
    expect(results.map((result) => result.outcome)).toEqual(['delivered', 'delivered']);
    expect(results[1].response).toBe('sent in 2 document(s)');
    await Promise.all(senders.map((sender) => sender.close()));

    const read = await readDocuments(emulator.connectionString('grouped'), 2, { settleMs: 1_500 });
    const byUser = new Map(read.map((entry) => [entry.document.data['user_id'], entry.document]));
    expect(read).toHaveLength(2);
    expect(byUser.get('user123')?.data.segment_events.map((event) => `${event.event} ${event.slug}`)).toEqual(['exit demo_segment', 'enter another_segment']);
    expect(byUser.get('user123')?.meta.subscription_id).toBe('d-grouped');
    expect(byUser.get('user123')).toEqual(results[0].request && (results[0].request as { documents: unknown[] }).documents[0]);
    expect(byUser.get('user123')?.data).toMatchObject({ user_id: 'user123', email: exitRow.values['email'] });
    expect(byUser.get('other-user')?.data.segment_events.map((event) => event.event)).toEqual(['enter']);
  });

  it('a document that cannot be built fails only its own rows: its call is partial, the rest of the window is delivered', async () => {
    const destination = { id: 'd-partial', connectionString: emulator.connectionString('partial'), settings: { groupWindowMs: 200 } };
    const senders = [adapter.createSender(lyticsSubscription(7, destination)), adapter.createSender(lyticsSubscription(8, destination))];
    const [, enterRow] = seed004Rows('evaluation-p');
    const broken = forProfile({ ...enterRow, values: { segment_events: 'mine' } }, 'broken-user', 'evaluation-b');
    const results = await Promise.all([
      senders[0].send(call(7, [queued(enterRow, 7)])),
      senders[1].send(call(8, [queued(forProfile(enterRow, 'fine-user', 'evaluation-f'), 8), queued(broken, 8)])),
    ]);
    const reason = 'the document could not be built: no user field may be named segment_events';
    expect(results[0]).toMatchObject({ outcome: 'delivered', response: 'sent in 1 document(s)' });
    expect(results[1]).toMatchObject({ outcome: 'partial', rejected: [{ primaryKey: 'broken-user', reason }], response: 'sent in 1 document(s); 1 row(s) rejected' });
    expect(await senders[1].send(call(8, [queued(broken, 8)]))).toMatchObject({ outcome: 'rejected', errorClass: 'other', reason });
    await Promise.all(senders.map((sender) => sender.close()));

    const read = await readDocuments(emulator.connectionString('partial'), 2, { settleMs: 1_500 });
    expect(read.map((entry) => entry.document.data.user_id).sort()).toEqual(['fine-user', 'user123']);
  });

  it('sends user fields as they are, and the call log keeps them with fields named like secrets redacted', async () => {
    const sender = adapter.createSender(lyticsSubscription(6, { id: 'd-redacted', connectionString: emulator.connectionString('redacted') }));
    const [, enterRow] = seed004Rows();
    const result = await sender.send(call(6, [queued({ ...enterRow, values: { ...enterRow.values, api_token: 'tok-123' } }, 6)]));
    await sender.close();
    const [read] = await readDocuments(emulator.connectionString('redacted'), 1, { settleMs: 0 });
    expect(read.document.data['api_token']).toBe('tok-123');
    const logged = (result.request as { documents: Array<{ data: Record<string, unknown> }> }).documents[0];
    expect(logged.data).toMatchObject({ api_token: '[REDACTED]', user_id: 'user123' });
  });

  it('sends nothing for a MODIFIED row, and says so in the call log', async () => {
    const destination = { id: 'd-modified', connectionString: emulator.connectionString('failing') };
    const subscription = lyticsSubscription(3, destination);
    const sender = adapter.createSender(subscription);
    const [, enterRow] = seed004Rows();
    const result = await sender.send(call(3, [queued({ ...enterRow, callType: 'MODIFIED' }, 3)]));
    await sender.close();
    expect(result).toMatchObject({ outcome: 'delivered', response: 'sent in 0 document(s); 1 MODIFIED row(s) are no enter or exit and were not sent' });
    expect(emulator.messages('failing')).toEqual([]);
  });

  it('rejects a call with the Event Hubs error classes: invalid credentials for a wrong key, timeout when the namespace is gone', async () => {
    const wrongKey = emulator.connectionString('failing').replace(KEY.key, 'd3Jvbmcta2V5');
    const refused = lyticsSubscription(4, { id: 'd-wrong-key', connectionString: wrongKey });
    const [, enterRow] = seed004Rows();
    let sender = adapter.createSender(refused);
    expect(await sender.send(call(4, [queued(enterRow, 4)]))).toMatchObject({ outcome: 'rejected', errorClass: 'invalid-credentials' });
    await sender.close();
    expect(await adapter.testDestination(refused.destination)).toMatchObject({ ok: false, errorClass: 'invalid-credentials' });

    const good = lyticsSubscription(5, { id: 'd-gone', connectionString: emulator.connectionString('failing'), settings: { timeoutMs: 2_000 } });
    expect(await adapter.testDestination(good.destination)).toMatchObject({ ok: true, message: 'connected to event hub "failing" with 1 partition(s)' });
    const tester = new LyticsDestinationTester(adapter);
    const config = { id: 'd-tested', name: 'tested', kind: 'lytics-eventhubs' as const, settings: {}, secretNames: ['connectionString'], enabled: true, updatedAt: 1 };
    expect(await tester.test(config, { connectionString: wrongKey })).toMatchObject({
      ok: false, detail: expect.stringMatching(/^invalid-credentials: /),
    });
    sender = adapter.createSender(good);
    await emulator.stop();
    try {
      expect(await sender.send(call(5, [queued(enterRow, 5)]))).toMatchObject({ outcome: 'rejected', errorClass: 'timeout' });
    } finally {
      await sender.close();
      await emulator.restart();
    }
    expect(emulator.messages('failing')).toEqual([]);
  });
});
