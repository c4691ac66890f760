import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server of ours, listening: its base URL and an idempotent stop. */
export interface ListeningHttp {
  /** `http://host:port`, IPv6 hosts in brackets. */
  url: string;
  port: number;
  /** Closes the server and its open connections; the same promise on every call. */
  stop(): Promise<void>;
}

/** Starts `server` on `port` (0: a free one) and `host` (default 127.0.0.1). */
export async function listenHttp(
  server: Server,
  options: { port?: number; host?: string } = {},
): Promise<ListeningHttp> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return { url, port: addr.port, stop };
}
