import { createServer, type AddressInfo } from 'node:net';

/** A TCP port nothing listens on right now (the OS picks it), for a server a spec starts next. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
