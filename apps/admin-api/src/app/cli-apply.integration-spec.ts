import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@activation/admin';
import { createTestSchema, uniqueTopic, type TestSchema } from '@activation/testing';
import { runCliWith } from '../testing/admin-api-harness';

const DOCUMENT = `
audiences:
  - slug: gold-buyers
    name: Gold buyers
    rule: { attribute: tier, operator: equals, value: gold }
    projectedVariables: [email, tier]
destinations:
  - name: hub
    kind: eventhubs
    settings: { partnerNumber: 33 }
    secrets: { connectionString: "\${HUB_CONNECTION_STRING}" }
subscriptions:
  - name: gold-to-hub
    audience: gold-buyers
    destination: hub
    projection: { fields: [email], hash: [email] }
    initialSync: future-only
`;

describe('cli apply', () => {
  let schema: TestSchema;
  let directory: string;
  let env: Record<string, string>;

  const apply = async (yaml: string, extraEnv: Record<string, string> = {}) => {
    const file = join(directory, `${randomBytes(4).toString('hex')}.yaml`);
    await writeFile(file, yaml);
    return runCliWith(runCli, ['apply', '-f', file], { ...env, ...extraEnv });
  };

  beforeAll(async () => {
    schema = await createTestSchema();
    directory = await mkdtemp(join(tmpdir(), 'cli-apply-'));
    env = {
      DATABASE_SCHEMA: schema.name, CONFIG_CHANGES_TOPIC: uniqueTopic('config-changes'), LOG_LEVEL: 'silent',
      SECRETS_KEYS: `k:${randomBytes(32).toString('base64')}`, HUB_CONNECTION_STRING: 'Endpoint=sb://hub/;SharedAccessKey=one',
    };
  });

  afterAll(() => schema.drop());

  it('creates, then changes nothing when applied again', async () => {
    expect(await apply(DOCUMENT)).toEqual({
      code: 0,
      lines: ['audience gold-buyers: created', 'destination hub: created', 'subscription gold-to-hub: created'],
    });
    expect(await apply(DOCUMENT)).toEqual({
      code: 0,
      lines: ['audience gold-buyers: unchanged', 'destination hub: unchanged', 'subscription gold-to-hub: unchanged'],
    });
    const audit = await schema.dataSource.query(`SELECT entity, action, actor FROM audit_log ORDER BY id`);
    expect(audit).toEqual([
      { entity: 'audience', action: 'created', actor: 'cli' },
      { entity: 'destination', action: 'created', actor: 'cli' },
      { entity: 'subscription', action: 'created', actor: 'cli' },
    ]);
    const [secrets] = await schema.dataSource.query(`SELECT secrets::text AS text FROM destinations`);
    expect(secrets.text).not.toContain('SharedAccessKey=one');
  });

  it('updates what differs, a new secret included', async () => {
    const changed = DOCUMENT.replace('value: gold }', 'value: platinum }').replace('hash: [email]', 'hash: []');
    expect(await apply(changed, { HUB_CONNECTION_STRING: 'Endpoint=sb://hub/;SharedAccessKey=two' })).toEqual({
      code: 0,
      lines: ['audience gold-buyers: updated', 'destination hub: updated', 'subscription gold-to-hub: updated'],
    });
    const [audience] = await schema.dataSource.query(`SELECT version FROM audiences WHERE slug = 'gold-buyers'`);
    expect(audience.version).toBe(2);
  });

  it('treats a key left out of the file as its default, not as "keep what is stored"', async () => {
    const described = DOCUMENT.replace('    name: Gold buyers\n', '    name: Gold buyers\n    description: tier gold\n    status: paused\n')
      .replace('    settings: { partnerNumber: 33 }\n', '    settings: { partnerNumber: 33 }\n    enabled: false\n');
    await apply(described);
    expect(await schema.dataSource.query(`SELECT description, status FROM audiences WHERE slug = 'gold-buyers'`)).toEqual([{ description: 'tier gold', status: 'paused' }]);
    expect(await schema.dataSource.query(`SELECT enabled FROM destinations WHERE name = 'hub'`)).toEqual([{ enabled: false }]);
    expect((await apply(DOCUMENT)).lines).toEqual(['audience gold-buyers: updated', 'destination hub: updated', 'subscription gold-to-hub: unchanged']);
    expect(await schema.dataSource.query(`SELECT description, status FROM audiences WHERE slug = 'gold-buyers'`)).toEqual([{ description: null, status: 'active' }]);
    expect(await schema.dataSource.query(`SELECT enabled FROM destinations WHERE name = 'hub'`)).toEqual([{ enabled: true }]);
  });

  it('reports invalid descriptions with paths into the file, through the same validation as the API', async () => {
    const badShape = await apply('audiences:\n  - slug: Bad Slug\n    name: x\n    rule: {}\n    colour: red\n');
    expect(badShape.code).toBe(1);
    expect(badShape.lines).toEqual(expect.arrayContaining([expect.stringContaining('invalid $.audiences[0].slug'), expect.stringContaining('invalid $.audiences[0].colour')]));

    const outside = DOCUMENT.replace('fields: [email]', 'fields: [email, phone]');
    const refused = await apply(outside);
    expect(refused.code).toBe(1);
    // What was applied before the failure is listed, then the failure, then where it stopped.
    expect(refused.lines).toEqual([
      'audience gold-buyers: unchanged',
      'destination hub: unchanged',
      expect.stringContaining('invalid $.subscriptions[0].projection.fields[1]: "phone" is not a projected variable'),
      expect.stringContaining('stopped there'),
    ]);

    await expect(apply(DOCUMENT, { HUB_CONNECTION_STRING: '' })).rejects.toThrow('$.destinations[0].secrets.connectionString: environment variable HUB_CONNECTION_STRING is not set');
  });
});
