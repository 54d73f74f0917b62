import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { Registry } from 'prom-client';
import type { ConsumedMessage, MessageBus } from '@activation/kafka';
import { DEFAULT_INGEST_LIMITS } from '../limits/ingest-limits';
import { IngestMetrics } from '../metrics/ingest-metrics';
import { RawIntakeHandler } from './raw-intake-handler';

const SCHEMAS = join(__dirname, '..', '..', '..', '..', 'schemas');
const schema = JSON.parse(readFileSync(join(SCHEMAS, 'ingest-raw.v1.schema.json'), 'utf8'));
const examples = readdirSync(join(SCHEMAS, 'examples')).filter((name) => name.endsWith('.json'));

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
const validateRecord = ajv.compile(schema);
const validateValue = ajv.getSchema(`${schema.$id}#/$defs/value`)!;
const handler = new RawIntakeHandler({
  bus: {} as MessageBus,
  outputTopic: 'out',
  limits: DEFAULT_INGEST_LIMITS,
  metrics: new IngestMetrics(new Registry()),
});
const accepts = (value: unknown) =>
  handler.prepare({
    topic: 'raw', partition: 0, offset: '1', key: null, headers: {}, timestamp: 1, value: Buffer.from(JSON.stringify(value)),
  } satisfies ConsumedMessage).ok;

describe('the published raw-topic schema (schemas/ingest-raw.v1.schema.json)', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('accepts the example %s, and so does the ingester', (name) => {
    const record = JSON.parse(readFileSync(join(SCHEMAS, 'examples', name), 'utf8'));
    expect(validateRecord(record) ? [] : validateRecord.errors).toEqual([]);
    expect(accepts(record.value)).toBe(true);
  });

  const base = { kind: 'profile-change', profileId: 'p', set: { a: 1 } };
  it.each([
    ['no kind', { profileId: 'p', set: { a: 1 } }],
    ['unknown kind', { ...base, kind: 'other' }],
    ['missing profile id', { kind: 'event', name: 'n' }],
    ['nothing to change', { kind: 'profile-change', profileId: 'p' }],
    ['unknown field', { ...base, extra: 1 }],
    ['reserved attribute segment', { ...base, set: { 'a.toString': 1 } }],
    ['empty path segment', { ...base, unset: ['a..b'] }],
    ['reserved key', JSON.parse('{"kind":"event","profileId":"p","name":"n","properties":{"__proto__":1}}')],
    ['bad partner number', { ...base, identifiers: { x: ['1'] } }],
    ['time without zone', { ...base, changedAt: '2025-01-31T12:00:00' }],
    ['fractional time', { kind: 'event', profileId: 'p', name: 'n', occurredAt: 1.5 }],
    ['deleting while setting', { ...base, deleted: true }],
    ['bad source label', { ...base, source: 'has space' }],
    ['too long a name', { kind: 'event', profileId: 'p', name: 'n'.repeat(129) }],
  ])('refuses a value with %s, as the ingester does', (_name, value) => {
    expect(validateValue(value)).toBe(false);
    expect(accepts(value)).toBe(false);
  });
});
