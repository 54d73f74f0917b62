import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FunctionPayload } from '../payload/function-payload';

export interface ReceivedCall {
  /** performance.now() when the request arrived. */
  arrivedAt: number;
  /** Date.now() when the request arrived. */
  arrivedAtMs: number;
  index: number;
  /** Date.now() when the answer was sent (undefined while unanswered). */
  answeredAtMs?: number;
  headers: IncomingMessage['headers'];
  raw: string;
  payload: FunctionPayload;
}

export interface Reply {
  status?: number;
  body?: string | object;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Never answer (the client times out). */
  hang?: boolean;
}

export type Behavior = (call: ReceivedCall) => Reply | Promise<Reply>;

/**
 * A real HTTP function for specs: records every call (arrival time, headers, raw body) and
 * the most calls it ever saw at once, and answers as the behavior says (200 `{}` by default).
 */
export class FunctionServer {
  readonly calls: ReceivedCall[] = [];
  maxConcurrency = 0;
  private active = 0;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    public behavior: Behavior,
    readonly host: string,
  ) {}

  static async start(behavior: Behavior = () => ({}), host = '127.0.0.1'): Promise<FunctionServer> {
    const server = createServer();
    server.keepAliveTimeout = 5_000;
    const instance = new FunctionServer(server, behavior, host);
    server.on('request', (request, response) => void instance.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    return instance;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://${this.host}:${this.port}/api/audience-changes`;
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const arrivedAtMs = Date.now();
    this.active += 1;
    this.maxConcurrency = Math.max(this.maxConcurrency, this.active);
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.active -= 1;
    };
    response.once('finish', done);
    response.once('close', done);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let payload: FunctionPayload;
    try {
      payload = JSON.parse(raw) as FunctionPayload;
    } catch {
      payload = {} as FunctionPayload;
    }
    const call: ReceivedCall = { arrivedAt, arrivedAtMs, index: this.calls.length, headers: request.headers, raw, payload };
    this.calls.push(call);
    const reply = await this.behavior(call);
    if (reply.hang) {
      this.hanging.add(response);
      return;
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const body = reply.body === undefined ? '{}' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    call.answeredAtMs = Date.now();
    response.end(body);
  }
}
