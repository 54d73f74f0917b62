import { redactSecrets } from '@activation/persistence';

const MAX_RECORDED_RESPONSE = 4_096;

/** The URL as the live debugger shows it: query values (Azure's `?code=` holds the key) redacted. */
export function redactedUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    for (const name of [...url.searchParams.keys()]) url.searchParams.set(name, 'REDACTED');
    return url.toString();
  } catch {
    return '[invalid url]';
  }
}

/** What is kept of a request: URL and payload without secrets; the headers that carry secrets are not kept. */
export function requestRecord(url: string, callId: string, payload: unknown): unknown {
  return { url: redactedUrl(url), callId, body: redactSecrets(payload) };
}

export function responseRecord(body: string): string {
  return body.length > MAX_RECORDED_RESPONSE ? `${body.slice(0, MAX_RECORDED_RESPONSE)}… (${body.length} characters)` : body;
}
