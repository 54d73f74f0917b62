/** Who makes a change: an API key (by id and name) or an operator tool such as the CLI. */
export interface Actor {
  keyId: string | null;
  label: string;
}

export const CLI_ACTOR: Actor = { keyId: null, label: 'cli' };
export const SYSTEM_ACTOR: Actor = { keyId: null, label: 'system' };
