import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FunctionHandler = (body: Record<string, unknown>, res: ServerResponse) => unknown;

export interface FunctionServer {
  url: string;
  requests: Array<Record<string, unknown>>;
  /** The headers of each request, in the same order. */
  headers: Array<IncomingMessage['headers']>;
  close(): Promise<void>;
}

/** A local HTTP function: answers with whatever the handler returns as JSON (or writes itself). */
export async function startFunctionServer(handler: FunctionHandler): Promise<FunctionServer> {
  const requests: Array<Record<string, unknown>> = [];
  const headers: Array<IncomingMessage['headers']> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      requests.push(body);
      headers.push(req.headers);
      const answer = handler(body, res);
      if (res.writableEnded || answer === undefined) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sync`,
    requests,
    headers,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
