import { redactedUrl, requestRecord } from './call-record';

describe('call records', () => {
  it('redacts query values and credentials of the URL', () => {
    expect(redactedUrl('https://user:pw@fn.azurewebsites.net/api/sync?code=SECRET&x=1')).toBe('https://fn.azurewebsites.net/api/sync?code=REDACTED&x=REDACTED');
  });

  it('keeps the payload but not secret-looking fields', () => {
    expect(requestRecord('https://f/x', 'id', { rows: [{ email: 'a', api_key: 'k' }] })).toEqual({
      url: 'https://f/x', callId: 'id', body: { rows: [{ email: 'a', api_key: '[REDACTED]' }] },
    });
  });
});
