/**
 * A local HTTP function in a process of its own, so the arrival times it records are not
 * disturbed by the invoker's work: POST anything to be "delivered" (`{}`), GET /stats for the
 * arrival times (performance.now() of this process) and the rows received. Prints its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const arrivals: number[] = [];
let rows = 0;

const server = createServer((request, response) => {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ arrivals, rows }));
    return;
  }
  arrivals.push(performance.now());
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    rows += (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { rows: unknown[] }).rows.length;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
