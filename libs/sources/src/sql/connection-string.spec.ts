import { sqlConnectionStringProblem } from './connection-string';

describe('SQL connection strings', () => {
  it.each([
    'postgres://activation:s3cret@db.example.com:5432/crm',
    'postgresql://user@db.example.com/crm?sslmode=require',
    'postgres://user:p%40ss@[::1]:5432/crm',
    'postgres://user@/crm?host=/var/run/postgresql',
  ])('accepts the PostgreSQL URL %s', (value) => {
    expect(sqlConnectionStringProblem('postgres', value)).toBeUndefined();
  });

  it.each([
    ['a bare word', 'not a url'],
    ['a libpq key=value string (the client does not read it)', 'host=db.example.com dbname=crm password=s3cret'],
    ['another scheme', 'mysql://user:s3cret@db.example.com/crm'],
    ['a URL without a host', 'postgres:///crm'],
    ['an empty string', '  '],
  ])('refuses %s for PostgreSQL without quoting it', (_, value) => {
    const problem = sqlConnectionStringProblem('postgres', value);
    expect(problem).toEqual(expect.any(String));
    expect(problem).not.toContain('s3cret');
    expect(problem).not.toContain('not a url');
  });

  it('reads the ADO.NET and URL forms of SQL Server', () => {
    expect(sqlConnectionStringProblem('sqlserver', 'Server=tcp:crm.database.windows.net,1433;Database=crm;User Id=app;Password=s3cret;Encrypt=true;')).toBeUndefined();
    expect(sqlConnectionStringProblem('sqlserver', 'Data Source=db;Initial Catalog=crm')).toBeUndefined();
    expect(sqlConnectionStringProblem('sqlserver', 'mssql://app:s3cret@db.example.com:1433/crm')).toBeUndefined();
    for (const value of ['not a url', 'Database=crm;Password=s3cret', 'postgres://app:s3cret@db/crm']) {
      expect(sqlConnectionStringProblem('sqlserver', value)).toEqual(expect.not.stringContaining('s3cret'));
      expect(sqlConnectionStringProblem('sqlserver', value)).toBeDefined();
    }
  });
});
