import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { SecretCipher, SecretKeyring } from '@activation/configuration';
import { AddressPolicy } from '@activation/function-destination';
import { createTestSchema, type TestSchema } from '@activation/testing';
import { alertChannelSecretOwner, type AlertChannelKind, type AlertChannelSettings } from '../model/alert-channel';
import { AlertRepository, type RuleInput } from '../store/alert-repository';
import { HttpReceiver, SmtpReceiver } from '../testing/alert-receivers';
import { AlertEvaluator } from './alert-evaluator';

const SKIP_WINDOW_MS = 100;

/** The evaluator over real delivery state in Postgres, notifying a local HTTP receiver and a local SMTP server. */
describe('AlertEvaluator', () => {
  let schema: TestSchema;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let cipher: SecretCipher;
  let alerts: AlertRepository;
  let evaluator: AlertEvaluator;
  let syncId: number;
  let channels: { webhook: number; slack: number; email: number };
  const smtpCredentials = { username: 'alerts', password: `pw-${randomBytes(4).toString('hex')}` };

  const evaluate = async (instance = evaluator) => {
    await new Promise((resolve) => setTimeout(resolve, SKIP_WINDOW_MS + 30));
    await instance.evaluateAll();
  };

  const addChannel = async (kind: AlertChannelKind, settings: AlertChannelSettings, secrets: Record<string, string>) => {
    const channel = await alerts.insertChannel(syncId, { name: `${kind}-${randomUUID().slice(0, 4)}`, kind, settings });
    await alerts.updateChannel(channel.id, { name: channel.name, kind, settings }, cipher.encryptAll(secrets, alertChannelSecretOwner(channel.id)));
    return channel.id;
  };

  const addRule = (input: Omit<RuleInput, 'name' | 'enabled'>) => alerts.insertRule(syncId, { name: `rule ${input.kind}`, enabled: true, ...input });

  const addRun = (runId: number, delivered: number) =>
    schema.dataSource.query(
      `INSERT INTO sync_runs (subscription_id, run_id, trigger, status, ended_at, calls, added, rejected) VALUES ($1, $2, 'interval', 'completed', now(), 2, $3, $4)`,
      [syncId, runId, delivered, delivered === 0 ? 5 : 0],
    );

  beforeAll(async () => {
    schema = await createTestSchema();
    http = await HttpReceiver.start();
    smtp = await SmtpReceiver.start(smtpCredentials);
    cipher = new SecretCipher(SecretKeyring.fromSettings({ SECRETS_KEYS: `k1:${randomBytes(32).toString('base64')}` }));
    alerts = new AlertRepository(schema.dataSource.manager);
    const [audience] = await schema.dataSource.query(
      `INSERT INTO audiences (id, slug, name, rule, projected_variables) VALUES ($1, 'gold', 'Gold', '{}', '{}') RETURNING id`, [randomUUID()],
    );
    const [destination] = await schema.dataSource.query(
      `INSERT INTO destinations (id, name, kind, settings) VALUES ($1, 'crm', 'function', '{}') RETURNING id`, [randomUUID()],
    );
    [{ id: syncId }] = await schema.dataSource.query(
      `INSERT INTO subscriptions (name, audience_id, destination_id, projection, initial_sync) VALUES ('crm gold', $1, $2, '{}', 'future-only') RETURNING id`,
      [audience.id, destination.id],
    );
    channels = {
      webhook: await addChannel('webhook', { url: http.url('/webhook') }, { authorization: 'Bearer hook-secret' }),
      slack: await addChannel('slack', {}, { url: http.url('/slack/T000/B000/xyz') }),
      email: await addChannel('email', { host: '127.0.0.1', port: smtp.port, secure: false, from: 'alerts@example.com', to: ['ops@example.com'] }, smtpCredentials),
    };
    evaluator = newEvaluator();
  });

  afterAll(async () => {
    await http?.close();
    await smtp?.close();
    await schema?.drop();
  });

  const newEvaluator = () =>
    new AlertEvaluator({
      dataSource: schema.dataSource, cipher, logger: pino({ level: 'silent' }), options: { intervalMs: SKIP_WINDOW_MS * 2, sendTimeoutMs: 5_000 },
      // The local receivers listen on loopback, which channels may reach only when the setting opens it.
      policy: AddressPolicy.fromSetting('loopback'),
    });

  it('announces a failing sync once on every channel, then its resolution', async () => {
    const rule = await addRule({ kind: 'sync-failing', settings: { consecutiveFailedRuns: 2 }, channelIds: [channels.webhook, channels.slack, channels.email] });
    await addRun(1, 0);
    await evaluate();
    expect(http.requests).toHaveLength(0);
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({ status: 'ok' });

    await addRun(2, 0);
    await evaluate();
    expect(http.on('/webhook')).toEqual([
      expect.objectContaining({
        headers: expect.objectContaining({ authorization: 'Bearer hook-secret', 'content-type': 'application/json' }),
        body: {
          alert: expect.objectContaining({
            ruleId: rule.id, ruleName: 'rule sync-failing', kind: 'sync-failing', status: 'firing', syncId, subscriptionName: 'crm gold',
            summary: 'Sync failing: the last 2 sync runs delivered no row (limit 2).',
          }),
        },
      }),
    ]);
    expect(http.on('/slack/T000/B000/xyz').map((request) => request.body)).toEqual([
      { text: `:rotating_light: [FIRING] rule sync-failing - subscription ${syncId} (crm gold): Sync failing: the last 2 sync runs delivered no row (limit 2).` },
    ]);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ from: 'alerts@example.com', to: ['ops@example.com'], user: 'alerts' });
    expect(smtp.messages[0].raw).toContain(`Subject: [FIRING] rule sync-failing`);

    await addRun(3, 0);
    await evaluate();
    await evaluate();
    expect(http.requests).toHaveLength(2);
    expect(smtp.messages).toHaveLength(1);

    await addRun(4, 3);
    await evaluate();
    expect(http.on('/webhook').map((request) => (request.body as { alert: { status: string } }).alert.status)).toEqual(['firing', 'resolved']);
    expect((http.on('/slack/T000/B000/xyz')[1].body as { text: string }).text).toContain('[RESOLVED] rule sync-failing');
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1].raw).toContain('Subject: [RESOLVED] rule sync-failing');
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({ status: 'ok', pendingChannels: [] });
    await alerts.deleteRule(rule.id);
  });

  it('tries a channel that failed again at the next evaluation, and only that one', async () => {
    const before = { webhook: http.on('/webhook').length, slack: http.on('/slack/T000/B000/xyz').length };
    const rule = await addRule({ kind: 'lag', settings: { maxQueuedRows: 1 }, channelIds: [channels.webhook, channels.slack] });
    for (const key of ['a', 'b']) {
      await schema.dataSource.query(
        `INSERT INTO delivery_rows (subscription_id, primary_key, membership_version, call_type, event_id, origin, row_values, envelope, event_time)
         VALUES ($1, $2, 1, 'NEW', $3, 'stream', '{}', '{}', now())`,
        [syncId, key, randomUUID()],
      );
    }
    http.failNext = 1;
    await evaluate();
    expect(http.on('/webhook')).toHaveLength(before.webhook);
    expect(http.on('/slack/T000/B000/xyz')).toHaveLength(before.slack + 1);
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({
      status: 'firing', pendingChannels: [channels.webhook], lastNotifyError: expect.stringContaining('HTTP 500'),
    });

    await evaluate();
    expect(http.on('/webhook')).toHaveLength(before.webhook + 1);
    expect(http.on('/webhook').at(-1)?.body).toMatchObject({ alert: { status: 'firing', summary: 'Delivery lagging: 2 rows are queued (limit 1).' } });
    expect(http.on('/slack/T000/B000/xyz')).toHaveLength(before.slack + 1);
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({ pendingChannels: [], lastNotifyError: null });
    await schema.dataSource.query(`DELETE FROM delivery_rows WHERE subscription_id = $1`, [syncId]);
    await alerts.deleteRule(rule.id);
  });

  it('leaves a notification to the replica sending it, and takes it over once that replica stopped', async () => {
    const before = http.on('/webhook').length;
    const rule = await addRule({ kind: 'lag', settings: { maxQueuedRows: 1_000 }, channelIds: [channels.webhook] });
    await evaluate();
    await schema.dataSource.query(
      `UPDATE alert_states SET status = 'firing', pending_channels = $2, notifying_until = now() + interval '1 minute' WHERE rule_id = $1`,
      [rule.id, [channels.webhook]],
    );
    await evaluate();
    expect(http.on('/webhook')).toHaveLength(before);
    await schema.dataSource.query(`UPDATE alert_states SET notifying_until = now() - interval '1 second' WHERE rule_id = $1`, [rule.id]);
    await evaluate();
    expect(http.on('/webhook').slice(before).map((request) => (request.body as { alert: { status: string } }).alert.status)).toEqual(['resolved']);
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({ status: 'ok', pendingChannels: [] });
    await alerts.deleteRule(rule.id);
  });

  it('a replica whose claim expired and was taken over leaves the new owner\'s state alone', async () => {
    const rule = await addRule({ kind: 'lag', settings: { maxQueuedRows: 1_000 }, channelIds: [channels.webhook, channels.slack] });
    await alerts.saveState(rule.id, { status: 'firing', summary: 'firing', changed: true, pendingChannels: [channels.webhook, channels.slack] });
    const late = await alerts.claimNotifying(rule.id, 60_000);
    await schema.dataSource.query(`UPDATE alert_states SET notifying_until = now() - interval '1 second' WHERE rule_id = $1`, [rule.id]);
    const taken = await alerts.claimNotifying(rule.id, 60_000);
    expect(taken).not.toBe(late);

    expect(await alerts.recordNotified(rule.id, late, [], null)).toBe(false);
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({ pendingChannels: [channels.webhook, channels.slack] });
    expect(await alerts.notifying(rule.id)).toBe(true);
    expect(await alerts.recordNotified(rule.id, taken, [channels.slack], 'channel: HTTP 500')).toBe(true);
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({ pendingChannels: [channels.slack], lastNotifyError: 'channel: HTTP 500' });
    expect(await alerts.notifying(rule.id)).toBe(false);
    await alerts.deleteRule(rule.id);
  });

  it('judges each rule on one replica at a time: replicas evaluating together notify once', async () => {
    const before = http.on('/webhook').length;
    const rule = await addRule({ kind: 'rejected-rate', settings: { threshold: 0.2, windowSeconds: 300, minRows: 10 }, channelIds: [channels.webhook] });
    await schema.dataSource.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, outcome, latency_ms, primary_keys, rejected)
       VALUES ($1, 9, now(), 'add', 10, 'partial', 5, '{}', $2), ($1, 9, now(), 'add', 5, 'rejected', 5, '{}', '[]'),
              ($1, 9, now() - interval '1 hour', 'add', 100, 'rejected', 5, '{}', '[]')`,
      [syncId, JSON.stringify([{ primaryKey: 'a', reason: 'bad' }])],
    );
    await Promise.all([evaluate(newEvaluator()), evaluate(newEvaluator()), evaluate(newEvaluator())]);
    await evaluate(newEvaluator());
    expect(http.on('/webhook').slice(before).map((request) => request.body)).toEqual([
      { alert: expect.objectContaining({ ruleId: rule.id, status: 'firing', summary: 'Rejected-row rate too high: 6 of 15 rows rejected in the last 300 s (40.0%, threshold 20.0%).' }) },
    ]);
    await alerts.deleteRule(rule.id);
  });

  it('disabling a firing rule announces it resolved, once; a disabled rule that is fine is not judged', async () => {
    const before = http.on('/webhook').length;
    const rule = await addRule({ kind: 'lag', settings: { maxQueuedRows: 1 }, channelIds: [channels.webhook] });
    for (const key of ['a', 'b']) {
      await schema.dataSource.query(
        `INSERT INTO delivery_rows (subscription_id, primary_key, membership_version, call_type, event_id, origin, row_values, envelope, event_time)
         VALUES ($1, $2, 1, 'NEW', $3, 'stream', '{}', '{}', now())`,
        [syncId, key, randomUUID()],
      );
    }
    await evaluate();
    await alerts.updateRule(rule.id, { name: rule.name, kind: rule.kind, settings: rule.settings, channelIds: rule.channelIds, enabled: false });
    await evaluate();
    await evaluate();
    expect(http.on('/webhook').slice(before).map((request) => (request.body as { alert: { status: string; summary: string } }).alert)).toEqual([
      expect.objectContaining({ ruleId: rule.id, status: 'firing' }),
      expect.objectContaining({ ruleId: rule.id, status: 'resolved', summary: 'Rule disabled: not evaluated.' }),
    ]);
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({ status: 'ok', pendingChannels: [] });
    expect(await alerts.ruleIdsToJudge()).not.toContain(rule.id);
    await schema.dataSource.query(`DELETE FROM delivery_rows WHERE subscription_id = $1`, [syncId]);
    await alerts.deleteRule(rule.id);
  });

  it('start() is idempotent: a second call while started adds no second evaluation loop', async () => {
    const looping = new AlertEvaluator({
      dataSource: schema.dataSource, cipher, logger: pino({ level: 'silent' }), policy: AddressPolicy.fromSetting('loopback'),
      options: { intervalMs: 60_000, sendTimeoutMs: 5_000 },
    });
    const passes = jest.spyOn(looping, 'evaluateAll');
    looping.start();
    looping.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await looping.stop();
    expect(passes).toHaveBeenCalledTimes(1);
    looping.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await looping.stop();
    expect(passes).toHaveBeenCalledTimes(2);
  });

  it('counts a partial call that rejected every row as failed, and one that delivered a row as not', async () => {
    const rule = await addRule({ kind: 'sync-failing', settings: { failingForSeconds: 60 }, channelIds: [] });
    await schema.dataSource.query(
      `INSERT INTO delivery_subscription_state (subscription_id, last_success_at, last_error_at, last_error_class, last_error, consecutive_failures)
       VALUES ($1, now() - interval '20 minutes', now(), 'rejected-rows', 'all 2 rows were rejected (first: bad)', 4)`,
      [syncId],
    );
    const rejected = (keys: string[]) => JSON.stringify(keys.map((key) => ({ primary_key_value: key, reason: 'bad' })));
    await schema.dataSource.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, outcome, latency_ms, primary_keys, rejected)
       VALUES ($1, 11, now() - interval '15 minutes', 'add', 2, 'partial', 5, '{a,b}', $2), ($1, 11, now() - interval '3 minutes', 'add', 2, 'partial', 5, '{c,d}', $3)`,
      [syncId, rejected(['a']), rejected(['c', 'd'])],
    );
    await evaluate();
    expect((await alerts.states([rule.id])).get(rule.id)).toMatchObject({
      status: 'firing', summary: expect.stringMatching(/^Sync failing: every call has failed for 18\d s \(limit 60 s\)\.$/),
    });
    await alerts.deleteRule(rule.id);
    await schema.dataSource.query(`DELETE FROM delivery_subscription_state WHERE subscription_id = $1`, [syncId]);
    await schema.dataSource.query(`DELETE FROM sync_calls WHERE subscription_id = $1 AND run_id = 11`, [syncId]);
  });

  it('resolves the alerts of a subscription that was disabled', async () => {
    const before = http.on('/webhook').length;
    const rule = await addRule({ kind: 'sync-failing', settings: { failingForSeconds: 60 }, channelIds: [channels.webhook] });
    expect(rule.channelIds).toEqual([channels.webhook]);
    await schema.dataSource.query(
      `INSERT INTO delivery_subscription_state (subscription_id, last_success_at, last_error_at, last_error_class, last_error, consecutive_failures)
       VALUES ($1, now() - interval '6 minutes', now(), 'http-status', 'HTTP 500', 7)`,
      [syncId],
    );
    await schema.dataSource.query(
      `INSERT INTO sync_calls (subscription_id, run_id, started_at, operation, row_count, outcome, latency_ms, primary_keys)
       VALUES ($1, 10, now() - interval '5 minutes', 'add', 1, 'rejected', 5, '{}')`,
      [syncId],
    );
    await evaluate();
    expect(http.on('/webhook').slice(before).map((request) => (request.body as { alert: { status: string; summary: string } }).alert)).toEqual([
      expect.objectContaining({ status: 'firing', summary: expect.stringMatching(/^Sync failing: every call has failed for 30\d s \(limit 60 s\)\.$/) }),
    ]);
    await schema.dataSource.query(`UPDATE subscriptions SET enabled = false WHERE id = $1`, [syncId]);
    await evaluate();
    expect(http.on('/webhook').slice(before).map((request) => (request.body as { alert: { status: string } }).alert.status)).toEqual(['firing', 'resolved']);
  });
});
