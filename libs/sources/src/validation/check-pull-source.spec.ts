import { validatePullSourceSettings, validateSourceMapping } from './check-pull-source';

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
});
