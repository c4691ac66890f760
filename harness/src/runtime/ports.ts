import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on `host`: listen on port 0, read the port, release it.
 * There is a window in which another process can take it; callers that bind it detect
 * "address already in use" and retry with a new port.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error(`could not get a free port on ${host}`))));
    });
  });
}

/** True when the log text says a listen failed because the port is taken. */
export function isAddressInUse(log: string): boolean {
  return /address already in use|EADDRINUSE/i.test(log);
}
