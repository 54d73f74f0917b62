/**
 * What is wrong with a SQL source's `connectionString` secret for its dialect, or undefined.
 * The answer never quotes the value: it holds the password.
 *
 * - postgres: a `postgres://` or `postgresql://` URL with a host (or a `host=` parameter, for a
 *   Unix socket). The `pg` client reads nothing else: a libpq `key=value` string or a bare word
 *   would be taken for a path relative to a dummy host and fail with `getaddrinfo ENOTFOUND base`.
 * - sqlserver: an ADO.NET string (`Server=host,1433;Database=db;User Id=…;Password=…`) or an
 *   `mssql://` / `sqlserver://` URL, the forms the `mssql` client reads.
 */
export function sqlConnectionStringProblem(dialect: 'postgres' | 'sqlserver', value: string): string | undefined {
  if (value.trim() === '') return 'must not be empty';
  return dialect === 'postgres' ? postgresProblem(value) : sqlServerProblem(value);
}

function postgresProblem(value: string): string | undefined {
  // `user@/db?host=/socket/dir` has no URL host; the client reads it with a placeholder, as here.
  const withoutHost = parseUrl(value) === undefined ? parseUrl(value.replace('@/', '@placeholder/')) : undefined;
  const url = withoutHost ?? parseUrl(value);
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    return 'must be a postgres:// or postgresql:// URL (postgres://user:password@host:5432/database)';
  }
  const host = withoutHost ? '' : url.hostname;
  if (host === '' && !url.searchParams.get('host')) return 'must name the database host (postgres://user:password@host:5432/database)';
  return undefined;
}

function sqlServerProblem(value: string): string | undefined {
  const url = parseUrl(value);
  if (url) {
    if (url.protocol !== 'mssql:' && url.protocol !== 'sqlserver:') return 'must be an mssql:// URL or Server=…;Database=…; pairs';
    return url.hostname === '' ? 'must name the database server' : undefined;
  }
  const pairs = value.split(';').map((pair) => pair.trim()).filter((pair) => pair !== '');
  if (pairs.length === 0 || !pairs.every((pair) => /^[A-Za-z][A-Za-z ]*=/.test(pair))) {
    return 'must be Server=…;Database=…; pairs (or an mssql:// URL)';
  }
  const keys = new Set(pairs.map((pair) => pair.slice(0, pair.indexOf('=')).trim().toLowerCase()));
  const named = ['server', 'data source', 'address', 'addr', 'network address'].some((key) => keys.has(key));
  return named ? undefined : 'must name the database server (Server=…)';
}

/** A URL only when the value starts with `scheme://`; anything else is read as the dialect's other form. */
function parseUrl(value: string): URL | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
