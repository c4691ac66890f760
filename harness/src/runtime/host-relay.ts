import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay from `bindHost:<free port>` to `127.0.0.1:<targetPort>`: how containers on a run's
 * network reach a listener of this process (the live exporter, the webhook receiver) without host
 * networking. Bound on the network's gateway address, which only that bridge's containers route
 * to; the listener itself stays on 127.0.0.1.
 */
export interface HostRelay {
  /** `<bindHost>:<port>` as the containers dial it. */
  readonly address: string;
  close(): Promise<void>;
}

export async function startHostRelay(bindHost: string, targetPort: number): Promise<HostRelay> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  let closing: Promise<void> | undefined;
  return {
    address: `${bindHost}:${port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      })),
  };
}
