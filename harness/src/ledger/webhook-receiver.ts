/**
 * An in-process HTTP receiver for Alertmanager's webhook integration. It answers 200 only once
 * the notification is committed to the ledger, 400 with the JSON path of the problem for a
 * payload that is not Alertmanager's, and 503 when the ledger cannot be written, so that
 * Alertmanager retries instead of dropping the notification.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { listenHttp } from '../net/listen-http.js';
import type { NotificationLedger } from './ledger.js';
import { parseWebhookPayload, WebhookPayloadError } from './webhook-payload.js';

export interface WebhookReceiverOptions {
  ledger: NotificationLedger;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Clock for `receivedAt` (I/O edge; injectable for tests). */
  now?: () => Date;
  /** Largest accepted body in bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Called after each request with its outcome, e.g. for progress output. */
  onDelivery?: (event: { status: number; receiver?: string; alerts?: number; duplicate?: boolean; error?: string }) => void;
}

export interface StartedWebhookReceiver extends AsyncDisposable {
  /** Base URL; Alertmanager's webhook `url` is `${url}/webhook` (or `${url}/webhook/<receiver>`). */
  readonly url: string;
  readonly webhookUrl: string;
  /** Requests answered so far, by HTTP status. */
  readonly answered: Readonly<Record<number, number>>;
  stop(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge(`body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<StartedWebhookReceiver> {
  const now = options.now ?? (() => new Date());
  const limit = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const answered: Record<number, number> = {};
  const answer = (res: import('node:http').ServerResponse, status: number, body: string) => {
    answered[status] = (answered[status] ?? 0) + 1;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body + '\n');
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      // `/webhook` or `/webhook/<receiver>` (packs post each receiver to `<base>/<receiver>`).
      if (req.method !== 'POST' || !/^\/webhook(?:\/[^/]+)?$/.test((req.url ?? '').split('?')[0]!)) {
        answer(res, 404, `POST /webhook or /webhook/<receiver> only (got ${req.method} ${req.url})`);
        return;
      }
      let payload;
      try {
        const text = await readBody(req, limit);
        payload = parseWebhookPayload(JSON.parse(text));
      } catch (err) {
        const msg = err instanceof SyntaxError ? `body is not JSON: ${err.message}` : (err as Error).message;
        const status = err instanceof BodyTooLarge ? 413 : 400;
        if (!(err instanceof WebhookPayloadError || err instanceof SyntaxError || err instanceof BodyTooLarge)) throw err;
        answer(res, status, msg);
        options.onDelivery?.({ status, error: msg });
        return;
      }
      try {
        const { duplicate } = await options.ledger.record(payload, now());
        answer(res, 200, duplicate ? 'ok (duplicate delivery counted)' : 'ok');
        options.onDelivery?.({ status: 200, receiver: payload.receiver, alerts: payload.alerts.length, duplicate });
      } catch (err) {
        const msg = `ledger write failed: ${(err as Error).message}`;
        answer(res, 503, msg);
        options.onDelivery?.({ status: 503, receiver: payload.receiver, error: msg });
      }
    })().catch((err: unknown) => {
      if (!res.headersSent) answer(res, 500, `internal error: ${(err as Error).message}`);
    });
  });

  const { url, stop } = await listenHttp(server, options);
  return {
    url,
    webhookUrl: `${url}/webhook`,
    answered,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
