import { readMappedPath } from '@activation/configuration';
import { mapWebhookRecord, toPayloadPath } from './map-webhook-payload';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

const mapping = {
  profileId: '$.payload.ContactId__c',
  attributes: { email: '$.payload.Email__c', 'address.city': '$.payload.City__c', phone: '$.payload.Phone__c' },
  identifiers: { '7': '$.payload.CrmIds', '9': '$.payload.Missing' },
};

describe('webhook payload mapping', () => {
  it('reads own properties and array elements only', () => {
    const body = { a: { b: [{ c: 1 }] } };
    expect(readMappedPath(body, '$.a.b[0].c')).toBe(1);
    expect(readMappedPath(body, '$.a.x')).toBeUndefined();
    expect(readMappedPath(body, '$.a.toString')).toBeUndefined();
    expect(readMappedPath(body, '$.a.b.c')).toBeUndefined();
  });

  it('maps a Salesforce-style platform event to a change item', () => {
    const event = { schema: 'x', payload: { ContactId__c: '003XYZ', Email__c: 'a@example.com', City__c: 'Oslo', Phone__c: null, CrmIds: 17 } };
    const result = mapWebhookRecord(event, '$', mapping);
    expect(result.ok && result.mapped.item).toEqual({
      profileId: '003XYZ',
      set: { email: 'a@example.com', 'address.city': 'Oslo' },
      unset: ['phone'],
      identifiers: { '7': ['17'] },
    });
  });

  it('says where the profile id should have been', () => {
    const result = mapWebhookRecord({ payload: {} }, '$[4]', mapping);
    expect(!result.ok && result.problems).toEqual([expect.objectContaining({ path: '$[4].payload.ContactId__c', code: 'mapping-failed' })]);
  });

  it('points problems of the mapped item back into the payload', () => {
    const result = mapWebhookRecord({ payload: { ContactId__c: 'c', Email__c: 'e' } }, '$[2]', mapping);
    if (!result.ok) throw new Error('mapping failed');
    expect(toPayloadPath('$.set.email', result.mapped.origins, '$[2]')).toBe('$[2].payload.Email__c');
    expect(toPayloadPath('$.set.email.deep[0]', result.mapped.origins, '$[2]')).toBe('$[2].payload.Email__c.deep[0]');
    expect(toPayloadPath('$.deleted', result.mapped.origins, '$[2]')).toBe('$[2]');
  });
});

describe('webhook signatures', () => {
  const body = Buffer.from('{"a":1}');

  it('accepts the hex HMAC-SHA256 of the body, with or without the sha256= prefix', () => {
    const signature = signWebhookBody(body, 'secret');
    expect(verifyWebhookSignature(body, 'secret', signature)).toBe(true);
    expect(verifyWebhookSignature(body, 'secret', `sha256=${signature.toUpperCase()}`)).toBe(true);
  });

  it('refuses a missing, malformed, wrong-key or wrong-body signature', () => {
    const signature = signWebhookBody(body, 'secret');
    expect(verifyWebhookSignature(body, 'secret', undefined)).toBe(false);
    expect(verifyWebhookSignature(body, 'secret', 'abc')).toBe(false);
    expect(verifyWebhookSignature(body, 'other', signature)).toBe(false);
    expect(verifyWebhookSignature(Buffer.from('{"a":2}'), 'secret', signature)).toBe(false);
  });
});
