/** What an API key may do: `admin` changes configuration, `read-only` reads it, `ingest` sends data. */
export const API_KEY_ROLES = ['admin', 'ingest', 'read-only'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** The identity behind a verified API key. */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  roles: ApiKeyRole[];
}
