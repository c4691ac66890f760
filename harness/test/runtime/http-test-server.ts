/**
 * A real HTTP server on a free loopback port for the client tests: it records each request and
 * answers with what the test's handler decides — typically a failure (5xx, 4xx, a hang, a missing
 * credential) for the first requests, then the real Prometheus' answer, proxied (`forwardTo`).
 * Stopped by `close()` (also usable with `await using`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: SeenRequest, index: number, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, requests.length - 1, res)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, port, requests, close, [Symbol.asyncDispose]: close };
}

/** Answer `req` with the response of `base` to the same request (method, path, body, content type). */
export async function forwardTo(base: string, req: SeenRequest, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  const ct = req.headers['content-type'];
  if (typeof ct === 'string') headers['content-type'] = ct;
  const upstream = await fetch(base + req.url, {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
  });
  res.statusCode = upstream.status;
  res.setHeader('content-type', upstream.headers.get('content-type') ?? 'application/json');
  res.end(await upstream.text());
}

/** A Prometheus-shaped error answer (`{"status":"error","errorType":…,"error":…}`). */
export function apiError(res: ServerResponse, status: number, errorType: string, error: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ status: 'error', errorType, error }));
}
