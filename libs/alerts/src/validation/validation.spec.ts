import { validateChannelSecrets, validateChannelSettings } from './validate-channel';
import { validateRuleSettings } from './validate-rule';

describe('alert validation', () => {
  it('reads rule settings of each kind', () => {
    expect(validateRuleSettings('sync-failing', { consecutiveFailedRuns: 3 })).toEqual({ ok: true, value: { consecutiveFailedRuns: 3 } });
    expect(validateRuleSettings('rejected-rate', { threshold: 0.05, windowSeconds: 600 })).toEqual({
      ok: true, value: { threshold: 0.05, windowSeconds: 600, minRows: 1 },
    });
    expect(validateRuleSettings('lag', { maxAgeSeconds: 900, maxQueuedRows: 10_000 })).toEqual({ ok: true, value: { maxAgeSeconds: 900, maxQueuedRows: 10_000 } });
  });

  it('names what is wrong with rule settings', () => {
    expect(validateRuleSettings('sync-failing', {})).toEqual({ ok: false, problems: ['settings: give consecutiveFailedRuns, failingForSeconds or both'] });
    expect(validateRuleSettings('rejected-rate', { threshold: 2, windowSeconds: 10, extra: 1 })).toEqual({
      ok: false,
      problems: [
        'settings.threshold must be a number from 0 to 1',
        'settings.windowSeconds must be a number from 60 to 604800',
        'settings.extra is not a setting of this kind',
      ],
    });
    expect(validateRuleSettings('lag', { maxAgeSeconds: 1.5 })).toEqual({ ok: false, problems: ['settings.maxAgeSeconds must be an integer', 'settings: give maxAgeSeconds, maxQueuedRows or both'] });
  });

  it('reads channel settings and defaults the email port', () => {
    expect(validateChannelSettings('webhook', { url: 'https://ops.example.com/hook' })).toEqual({ ok: true, value: { url: 'https://ops.example.com/hook' } });
    expect(validateChannelSettings('email', { host: 'smtp.example.com', from: 'alerts@example.com', to: ['ops@example.com'] })).toEqual({
      ok: true, value: { host: 'smtp.example.com', port: 587, secure: false, from: 'alerts@example.com', to: ['ops@example.com'] },
    });
    expect(validateChannelSettings('webhook', { url: 'ftp://x' })).toEqual({ ok: false, problems: ['settings.url must be an http or https URL without a user name or password'] });
    expect(validateChannelSettings('webhook', { url: 'https://ops:pw@ops.example.com/hook' })).toEqual({
      ok: false, problems: ['settings.url must be an http or https URL without a user name or password'],
    });
    expect(validateChannelSettings('slack', { url: 'https://hooks.example.com' })).toEqual({ ok: false, problems: ['settings.url is not a setting of this kind'] });
  });

  it('checks secret names and the required ones after the change', () => {
    expect(validateChannelSecrets('slack', {})).toEqual(['secrets.url is required for a slack channel']);
    expect(validateChannelSecrets('slack', { url: 'https://hooks.example.com/T/B/x' })).toEqual([]);
    expect(validateChannelSecrets('slack', {}, ['url'])).toEqual([]);
    expect(validateChannelSecrets('slack', { url: null }, ['url'])).toEqual(['secrets.url is required for a slack channel']);
    expect(validateChannelSecrets('webhook', { token: 'x' })).toEqual(['secrets.token is not a secret of a webhook channel']);
    expect(validateChannelSecrets('slack', { url: 'https://u:p@hooks.example.com/T/B/x' })).toEqual(['secrets.url must be an http or https URL without a user name or password']);
  });
});
