import { CHANNEL_SECRET_NAMES, type AlertChannelKind, type AlertChannelSettings } from '../model/alert-channel';
import { readers, type Checked } from './validate-rule';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
const HTTP_URL = 'must be an http or https URL without a user name or password';

/** Reads a channel's settings for its kind. */
export function validateChannelSettings(kind: AlertChannelKind, input: Record<string, unknown>): Checked<AlertChannelSettings> {
  const problems: string[] = [];
  const read = readers(input, problems);
  let value: AlertChannelSettings = {};
  if (kind === 'webhook') {
    const url = read.string('url', true);
    if (url !== undefined && !isHttpUrl(url)) problems.push(`settings.url ${HTTP_URL}`);
    value = { url: url ?? '' };
  } else if (kind === 'email') {
    const host = read.string('host', true) ?? '';
    const port = read.int('port', 1, 65_535) ?? 587;
    const secure = read.boolean('secure') ?? port === 465;
    const from = read.string('from', true) ?? '';
    const to = read.strings('to', true) ?? [];
    if (from && !EMAIL.test(from)) problems.push('settings.from must be an email address');
    for (const address of to) if (!EMAIL.test(address)) problems.push(`settings.to: ${JSON.stringify(address)} is not an email address`);
    value = { host, port, secure, from, to };
  }
  read.rejectUnknown();
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/**
 * Checks secret changes (a string sets, null removes) against the kind's secret names, and that
 * the required ones will be present once they are applied to `stored`.
 */
export function validateChannelSecrets(kind: AlertChannelKind, changes: Record<string, unknown>, stored: readonly string[] = []): string[] {
  const problems: string[] = [];
  const names = CHANNEL_SECRET_NAMES[kind];
  const allowed = new Set([...names.required, ...names.optional]);
  const present = new Set(stored);
  for (const [name, value] of Object.entries(changes)) {
    if (!allowed.has(name)) problems.push(`secrets.${name} is not a secret of a ${kind} channel`);
    else if (value === null) present.delete(name);
    else if (typeof value !== 'string' || value.length === 0 || value.length > 4_096) problems.push(`secrets.${name} must be a non-empty string or null`);
    else present.add(name);
  }
  for (const name of names.required) if (!present.has(name)) problems.push(`secrets.${name} is required for a ${kind} channel`);
  const slackUrl = changes['url'];
  if (kind === 'slack' && typeof slackUrl === 'string' && !isHttpUrl(slackUrl)) problems.push(`secrets.url ${HTTP_URL}`);
  return problems;
}

/** Credentials in a URL would be shown with the settings (and fetch refuses them, naming the URL). */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
