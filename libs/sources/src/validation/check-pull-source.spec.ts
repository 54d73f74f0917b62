import { validatePullSourceSecrets, validatePullSourceSettings, validateSourceMapping } from './check-pull-source';

describe('pull source validation', () => {
  it('accepts a complete mapping and refuses a broken one', () => {
    expect(validateSourceMapping({ entities: { c: { profileId: 'id', identifiers: { '7': 'crm' } } }, hashedColumns: ['c.email'] })).toEqual([]);
    expect(validateSourceMapping({ entities: { c: { identifiers: { x: 'crm' } } }, blockedColumns: 'ssn' }).map((e) => e.path)).toEqual([
      '$.mapping.entities.c.profileId', '$.mapping.entities.c.identifiers.x', '$.mapping.blockedColumns',
    ]);
  });

  it('checks the settings of each kind', () => {
    expect(validatePullSourceSettings('function', { url: 'https://fn.example.com/sync', timeoutMs: 5_000 })).toEqual([]);
    expect(validatePullSourceSettings('function', { url: 'ftp://x', maxAttempts: 0 }).map((e) => e.path)).toEqual(['$.settings.url', '$.settings.maxAttempts']);
    // The URL is shown with the settings, so a key or credentials in it are refused.
    for (const url of ['https://fn.example.com/api/sync?code=secret-key', 'https://user:pw@fn.example.com/api/sync']) {
      const errors = validatePullSourceSettings('function', { url });
      expect(errors.map((e) => e.path)).toEqual(['$.settings.url']);
      expect(JSON.stringify(errors)).not.toMatch(/secret-key|pw@/);
    }
    expect(validatePullSourceSettings('sql', { dialect: 'postgres', table: 't', timestampColumn: 'ts', primaryKey: ['id'], lookbackSeconds: 60 })).toEqual([]);
    expect(validatePullSourceSettings('blob-csv', { container: 'exports', primaryKey: ['id'], delimiter: 't', diff: true })).toEqual([]);
    expect(validatePullSourceSettings('blob-csv', { container: 'X', primaryKey: [], header: false, pattern: '(' }).map((e) => e.path)).toEqual([
      '$.settings.container', '$.settings.pattern', '$.settings.primaryKey', '$.settings.columns',
    ]);
  });

  it('requires a SQL source\'s connection string in its dialect\'s form, never quoting it', () => {
    const postgres = { dialect: 'postgres' };
    expect(validatePullSourceSecrets('sql', postgres, { connectionString: 'postgres://app:s3cret@db:5432/crm' }, true)).toEqual([]);
    expect(validatePullSourceSecrets('sql', postgres, {}, true)).toEqual([{ path: '$.secrets.connectionString', message: 'is required for a SQL source' }]);
    // An update may leave the stored one alone, but not remove it.
    expect(validatePullSourceSecrets('sql', postgres, undefined, false)).toEqual([]);
    expect(validatePullSourceSecrets('sql', postgres, { connectionString: null }, false).map((e) => e.path)).toEqual(['$.secrets.connectionString']);
    const refused = validatePullSourceSecrets('sql', postgres, { connectionString: 'host=db password=s3cret' }, true);
    expect(refused.map((e) => e.path)).toEqual(['$.secrets.connectionString']);
    expect(JSON.stringify(refused)).not.toContain('s3cret');
    expect(validatePullSourceSecrets('function', {}, { connectionString: 'anything' }, true)).toEqual([]);
  });
});
