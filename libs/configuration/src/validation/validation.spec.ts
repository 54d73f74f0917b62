import { validateAudienceRule } from './validate-audience-rule';
import { validateDestinationSecrets, validateDestinationSettings, validateSubscriptionSettings } from './validate-destination';
import { readMappedPath, validateWebhookMapping } from './webhook-mapping';

describe('destination validation', () => {
  it('accepts each kind with its required settings', () => {
    expect(validateDestinationSettings('function', { url: 'https://fn.example.net/api/sync', timeoutMs: 5000 })).toEqual([]);
    expect(validateDestinationSettings('function', { url: 'http://localhost:7071/api/x' })).toEqual([]);
    expect(validateDestinationSettings('eventhubs', { partnerNumber: 33 })).toEqual([]);
    expect(validateDestinationSettings('lytics-eventhubs', {})).toEqual([]);
    expect(validateDestinationSettings('blob-export', { container: 'exports', prefix: 'audiences/' })).toEqual([]);
  });

  it('reports wrong and unknown settings with their paths', () => {
    const paths = validateDestinationSettings('function', { url: 'ftp://x', extra: true }).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['$.settings.url', '$.settings.extra']));
    expect(validateDestinationSettings('eventhubs', {})).toEqual([{ path: '$.settings.partnerNumber', message: 'partnerNumber is required' }]);
    expect(validateDestinationSettings('eventhubs', { partnerNumber: 0 }).map((error) => error.message)).toEqual(['partnerNumber must be a positive integer']);
  });

  it('checks nested subscription settings', () => {
    expect(validateSubscriptionSettings('function', { batchSize: 100, triggers: { add: true, change: true, remove: false } })).toEqual([]);
    const paths = validateSubscriptionSettings('function', { batchSize: 5000, triggers: { add: 'yes' } }).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['$.settings.batchSize', '$.settings.triggers.add', '$.settings.triggers.change']));
    expect(validateSubscriptionSettings('eventhubs', { data: { campaign: 'spring' }, sourceName: 'Gold' })).toEqual([]);
    expect(validateSubscriptionSettings('eventhubs', { data: { n: 1 } }).map((error) => error.path)).toEqual(['$.settings.data']);
  });

  it('checks secret names and required secrets without echoing values', () => {
    expect(validateDestinationSecrets('eventhubs', { connectionString: 'Endpoint=sb://x' }, [])).toEqual([]);
    expect(validateDestinationSecrets('eventhubs', {}, [])).toEqual([{ path: '$.secrets.connectionString', message: 'is required' }]);
    expect(validateDestinationSecrets('eventhubs', {}, ['connectionString'])).toEqual([]);
    expect(validateDestinationSecrets('eventhubs', { connectionString: null }, ['connectionString'])).toEqual([
      { path: '$.secrets.connectionString', message: 'is required' },
    ]);
    const errors = validateDestinationSecrets('function', { password: 'hunter2', functionKey: 42 }, []);
    expect(errors.map((error) => error.path)).toEqual(['$.secrets.password', '$.secrets.functionKey']);
    expect(JSON.stringify(errors)).not.toContain('hunter2');
  });
});

describe('validateAudienceRule', () => {
  it('reports rule errors under $.rule', () => {
    expect(validateAudienceRule({ attribute: 'tier', operator: 'equals', value: 'gold' })).toEqual([]);
    const errors = validateAudienceRule({ all: [{ attribute: 'tier', operator: 'nope', value: 1 }] });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.path.startsWith('$.rule'))).toBe(true);
    expect(validateAudienceRule('not a rule')).toEqual([{ path: '$.rule', message: expect.any(String) }]);
  });
});

describe('webhook mapping', () => {
  const mapping = { profileId: '$.user.id', attributes: { email: '$.user.email', firstSku: '$.items[0].sku' }, identifiers: { '33': '$.crm_id' } };

  it('accepts paths into the body', () => {
    expect(validateWebhookMapping(mapping)).toEqual([]);
  });

  it('reports each bad path, name and partner number', () => {
    const errors = validateWebhookMapping({ profileId: 'user.id', attributes: { 'bad name': '$.x' }, identifiers: { abc: '$.y', '7': 'nope' }, extra: 1 });
    expect(errors.map((error) => error.path)).toEqual([
      '$.mapping.extra',
      '$.mapping.profileId',
      '$.mapping.attributes["bad name"]',
      '$.mapping.identifiers["7"]',
      '$.mapping.identifiers.abc',
    ]);
  });

  it('reads mapped values, undefined when a step is missing', () => {
    const body = { user: { id: 'p-1', email: 'a@b.c' }, items: [{ sku: 'S1' }], crm_id: 9 };
    expect(readMappedPath(body, '$.user.id')).toBe('p-1');
    expect(readMappedPath(body, '$.items[0].sku')).toBe('S1');
    expect(readMappedPath(body, '$.items[3].sku')).toBeUndefined();
    expect(readMappedPath(body, '$.user.id.deeper')).toBeUndefined();
    expect(readMappedPath(body, '$.user.constructor')).toBeUndefined();
  });
});
