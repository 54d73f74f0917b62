import { createHash } from 'node:crypto';
import { hashValue, projectRow } from './project-row';
import { validateProjection } from './validate-projection';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('projectRow', () => {
  const values = { email: 'Ann@Example.com', tier: 'gold', score: 42, consent: true, city: null, secretNotProjected: 'x' };

  it('keeps only the chosen fields, in their order', () => {
    expect(Object.keys(projectRow(values, { fields: ['tier', 'email'] }))).toEqual(['tier', 'email']);
    expect(projectRow(values, { fields: ['tier'] })).toEqual({ tier: 'gold' });
  });

  it('renames after choosing', () => {
    expect(projectRow(values, { fields: ['email', 'tier'], rename: { email: 'email_address' } })).toEqual({
      email_address: 'Ann@Example.com',
      tier: 'gold',
    });
  });

  it('hashes selected fields with SHA-256 over their exact text, renamed or not', () => {
    const row = projectRow(values, { fields: ['email', 'score', 'consent'], rename: { email: 'em' }, hash: ['email', 'score', 'consent'] });
    expect(row).toEqual({ em: sha256('Ann@Example.com'), score: sha256('42'), consent: sha256('true') });
  });

  it('sends a missing or null field as null, hashed or not', () => {
    expect(projectRow(values, { fields: ['city', 'absent'], hash: ['absent'] })).toEqual({ city: null, absent: null });
  });

  it('hashes objects as their JSON and never reads inherited properties', () => {
    expect(hashValue({ a: 1 })).toBe(sha256('{"a":1}'));
    expect(projectRow({}, { fields: ['toString'] })).toEqual({ toString: null });
  });

  it('an empty projection sends nothing', () => {
    expect(projectRow(values, { fields: [] })).toEqual({});
  });

  it('does not change its input', () => {
    const input = { email: 'a@b.c' };
    projectRow(input, { fields: ['email'], hash: ['email'] });
    expect(input).toEqual({ email: 'a@b.c' });
  });
});

describe('validateProjection', () => {
  const projected = ['email', 'tier', 'score'];

  it('accepts a subset with renames and hashes', () => {
    expect(validateProjection({ fields: ['email', 'tier'], rename: { tier: 'level' }, hash: ['email'] }, projected)).toEqual([]);
  });

  it('refuses a field outside the audience projected variables, with its path', () => {
    expect(validateProjection({ fields: ['email', 'phone'] }, projected)).toEqual([
      { path: '$.projection.fields[1]', message: expect.stringContaining('"phone" is not a projected variable') },
    ]);
  });

  it('refuses renames and hashes of fields that are not chosen', () => {
    const errors = validateProjection({ fields: ['email'], rename: { tier: 'level' }, hash: ['score'] }, projected);
    expect(errors.map((error) => error.path)).toEqual(['$.projection.rename.tier', '$.projection.hash[0]']);
  });

  it('refuses two fields sent under one name', () => {
    const errors = validateProjection({ fields: ['email', 'tier'], rename: { email: 'tier' } }, projected);
    expect(errors).toEqual([{ path: '$.projection.rename', message: expect.stringContaining('would both be sent as "tier"') }]);
  });

  it('reports shape errors with paths', () => {
    expect(validateProjection({ fields: 'email', extra: 1 }, projected).map((error) => error.path)).toEqual([
      '$.projection.extra',
      '$.projection.fields',
    ]);
    expect(validateProjection(null, projected)).toEqual([{ path: '$.projection', message: expect.any(String) }]);
    expect(validateProjection({ fields: ['email', 'email', ''] }, projected).map((error) => error.path)).toEqual([
      '$.projection.fields[1]',
      '$.projection.fields[2]',
    ]);
  });

  it('uses the caller path prefix', () => {
    expect(validateProjection({ fields: ['x'] }, [], '$.subscriptions[0].projection')[0].path).toBe('$.subscriptions[0].projection.fields[0]');
  });
});
