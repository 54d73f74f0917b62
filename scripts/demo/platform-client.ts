import type { PlatformEndpoints } from './platform-process';

/** A failed call to the platform, with what it answered. */
export class PlatformCallError extends Error {}

/** The admin REST API and the ingester HTTP API, as the demo uses them. */
export class PlatformClient {
  private ingestKey = '';

  constructor(private readonly endpoints: PlatformEndpoints) {}

  admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.call<T>(`${this.endpoints.adminUrl}${path}`, method, this.endpoints.adminKey, body);
  }

  /** Creates the API key the demo sends data with. */
  async createIngestKey(name: string): Promise<void> {
    this.ingestKey = (await this.admin<{ key: string }>('POST', '/v1/api-keys', { name, roles: ['ingest'] })).key;
  }

  async sendProfileChanges(changes: Array<Record<string, unknown>>): Promise<void> {
    await this.ingest('/v1/profiles', { changes });
  }

  async sendEvents(events: Array<Record<string, unknown>>): Promise<void> {
    await this.ingest('/v1/events', { events });
  }

  private async ingest(path: string, body: Record<string, unknown[]>): Promise<void> {
    const result = await this.call<{ accepted: number; rejected: number; items: Array<{ status: string; errors?: unknown }> }>(
      `${this.endpoints.ingesterUrl}${path}`, 'POST', this.ingestKey, body,
    );
    if (result.rejected > 0) {
      const rejected = result.items.filter((item) => item.status !== 'accepted');
      throw new PlatformCallError(`the ingester rejected ${result.rejected} item(s): ${JSON.stringify(rejected.slice(0, 3))}`);
    }
  }

  private async call<T>(url: string, method: string, key: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
      throw new PlatformCallError(`${method} ${url} failed (${cause?.code ?? cause?.message ?? (error as Error).message}); is the platform running there?`);
    }
    const text = await response.text();
    if (!response.ok) throw new PlatformCallError(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
