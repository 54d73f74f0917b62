import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a function destination receives (libs/function-destination/README.md). */
export interface FunctionCall {
  operation: 'add' | 'change' | 'remove';
  primary_key_column: string;
  rows: Array<Record<string, unknown>>;
  metadata: { api_version: number; sync_id: number; sync_run_id: number };
}

export interface ReceivedCall {
  call: FunctionCall;
  test: boolean;
  signatureValid: boolean;
}

/** The membership transition each operation carries. */
export const TRANSITION_OF: Record<FunctionCall['operation'], 'NEW' | 'MODIFIED' | 'REMOVED'> = {
  add: 'NEW',
  change: 'MODIFIED',
  remove: 'REMOVED',
};

const SIGNATURE_TOLERANCE_S = 300;

/**
 * A local webhook that answers like a function destination: it checks the request signature,
 * records each call, tells the listener, and answers 200 `{}` (every row delivered).
 */
export class DemoReceiver {
  readonly calls: ReceivedCall[] = [];
  readonly problems: string[] = [];
  private listener: (received: ReceivedCall) => void = () => undefined;

  private constructor(
    private readonly server: Server,
    private readonly signingSecret: string,
  ) {}

  static async start(signingSecret: string, host = '127.0.0.1'): Promise<DemoReceiver> {
    const server = createServer();
    const receiver = new DemoReceiver(server, signingSecret);
    server.on('request', (request, response) => void receiver.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
    return receiver;
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address}:${port}/audience-changes`;
  }

  onCall(listener: (received: ReceivedCall) => void): void {
    this.listener = listener;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let call: FunctionCall;
    try {
      call = JSON.parse(raw) as FunctionCall;
      if (!TRANSITION_OF[call.operation] || !Array.isArray(call.rows)) throw new Error('not a function call');
    } catch {
      this.problems.push(`the receiver got a body it cannot read: ${raw.slice(0, 200)}`);
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not a function call"}');
      return;
    }
    const received: ReceivedCall = {
      call,
      test: request.headers['x-activation-test'] === 'true',
      signatureValid: this.verify(request.headers, raw),
    };
    if (!received.signatureValid) this.problems.push(`a ${call.operation} call arrived without a valid signature`);
    this.calls.push(received);
    this.listener(received);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }

  /** The check a real receiver makes (HMAC-SHA256 over "<timestamp>.<raw body>"). */
  private verify(headers: IncomingMessage['headers'], raw: string): boolean {
    const timestamp = String(headers['x-activation-timestamp'] ?? '');
    const signature = Buffer.from(String(headers['x-activation-signature'] ?? ''));
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_S) return false;
    const expected = Buffer.from(`v1=${createHmac('sha256', this.signingSecret).update(`${timestamp}.${raw}`).digest('hex')}`);
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
}
