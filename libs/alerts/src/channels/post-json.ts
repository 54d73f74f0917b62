/**
 * POSTs JSON; a non-2xx answer is an error carrying the status and the start of the body. Errors
 * never repeat the URL (a Slack-compatible URL is a secret; fetch names the URL in some of its
 * errors), only the cause: they are logged and shown as the rule's last notify error.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw new Error(`POST failed: ${causeOf(error, timeoutMs)}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
}

function causeOf(error: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors may come from another realm than this module's Error.
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string' && !cause.message.includes('://')) return cause.message;
  return 'the request could not be sent';
}
