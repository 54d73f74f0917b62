import { auditChanges } from './audit-changes';

describe('auditChanges', () => {
  it('keeps only the fields that changed', () => {
    expect(auditChanges({ name: 'a', enabled: true, updatedAt: 1 }, { name: 'b', enabled: true, updatedAt: 2 })).toEqual({
      before: { name: 'a' },
      after: { name: 'b' },
    });
  });

  it('records creations and deletions whole', () => {
    expect(auditChanges(null, { name: 'a' })).toEqual({ before: null, after: { name: 'a' } });
    expect(auditChanges({ name: 'a' }, null)).toEqual({ before: { name: 'a' }, after: null });
  });

  it('redacts secret-looking values and only names changed secrets', () => {
    const record = auditChanges({ settings: { url: 'u' } }, { settings: { url: 'u', token: 'leak' } }, ['functionKey']);
    expect(JSON.stringify(record)).not.toContain('leak');
    expect(record['secretsChanged']).toEqual(['functionKey']);
    expect(auditChanges({ secretNames: [] }, { secretNames: ['functionKey'] })).toEqual({ before: { secretNames: [] }, after: { secretNames: ['functionKey'] } });
    expect(auditChanges(null, { apiKey: 'leak' })).toEqual({ before: null, after: { apiKey: '[REDACTED]' } });
  });
});
