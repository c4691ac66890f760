/**
 * An in-process HTTP receiver for Alertmanager's webhook integration that loses nothing:
 *
 * - 200 once the notification is committed to the ledger as typed rows;
 * - 202 when it is an Alertmanager payload the typed tables cannot hold (U+0000, lone surrogate,
 *   or a value the database refuses): the body is quarantined byte for byte with the reason;
 * - 400 with the JSON path for a body that is not an Alertmanager payload (also quarantined);
 * - 413 for a body over the limit, answered before the connection closes (its first bytes
 *   quarantined);
 * - 401 without the bearer token when one is configured (nothing stored: not our Alertmanager);
 * - 503 only for a transient fault (the database unreachable), so Alertmanager retries.
 *
 * Alertmanager retries 5xx and never 4xx, so a permanent fault is never answered 5xx.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenHttp } from '../net/listen-http.js';
import { WebhookPayloadError } from './errors.js';
import { isPermanentDataError, type NotificationLedger, type QuarantineEntry } from './ledger.js';
import { parseWebhookPayload } from './webhook-payload.js';

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
  /** When set, requests must carry `Authorization: Bearer <token>` (else 401, nothing stored). */
  bearerToken?: string;
  /** Called after each request with its outcome, e.g. for progress output. */
  onDelivery?: (event: {
    status: number;
    receiver?: string;
    alerts?: number;
    duplicate?: boolean;
    quarantined?: boolean;
    error?: string;
  }) => void;
}

export interface StartedWebhookReceiver extends AsyncDisposable {
  /** Base URL; Alertmanager's webhook `url` is `${url}/webhook` (or `${url}/webhook/<receiver>`). */
  readonly url: string;
  readonly webhookUrl: string;
  /** Requests answered so far, by HTTP status. */
  readonly answered: Readonly<Record<number, number>>;
  stop(): Promise<void>;
}

/** Bytes of an oversized body kept in quarantine. */
const OVERSIZE_KEPT_BYTES = 64 * 1024;

interface ReadBody {
  body: Buffer;
  bytes: number;
  tooLarge: boolean;
  /** The whole request was read (false: stopped discarding a huge body). */
  complete: boolean;
}

/** Reads the body, keeping at most `limit` bytes and discarding the rest up to 4 × `limit`. */
function readBody(req: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let kept = 0;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > 4 * limit) {
      // Not worth reading at all: answer at once, then close.
      req.pause();
      resolve({ body: Buffer.alloc(0), bytes: declared, tooLarge: true, complete: false });
      return;
    }
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (kept < limit) {
        const part = c.subarray(0, limit - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (bytes > 4 * limit) {
        req.pause();
        req.removeAllListeners('data');
        resolve({ body: Buffer.concat(chunks), bytes, tooLarge: true, complete: false });
      }
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), bytes, tooLarge: bytes > limit, complete: true }));
    req.on('error', reject);
  });
}

function sha(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<StartedWebhookReceiver> {
  const now = options.now ?? (() => new Date());
  const limit = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const expected = options.bearerToken === undefined ? undefined : sha(`Bearer ${options.bearerToken}`);
  const answered: Record<number, number> = {};
  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body: string, complete = true) => {
    answered[status] = (answered[status] ?? 0) + 1;
    const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
    if (status === 401) headers['www-authenticate'] = 'Bearer realm="alertcraft-ledger"';
    if (!complete) headers.connection = 'close';
    res.writeHead(status, headers).end(`${body}\n`);
    // A request not read to its end: close once the answer is out (never before).
    if (!complete) res.once('finish', () => req.destroy());
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0]!;
    // `/webhook` or `/webhook/<receiver>` (packs post each receiver to `<base>/<receiver>`).
    if (req.method !== 'POST' || !/^\/webhook(?:\/[^/]+)?$/.test(path)) {
      const { complete } = await readBody(req, 0);
      answer(req, res, 404, `POST /webhook or /webhook/<receiver> only (got ${req.method} ${path})`, complete);
      return;
    }
    if (expected) {
      const got = sha(req.headers.authorization ?? '');
      if (!timingSafeEqual(got, expected)) {
        const { complete } = await readBody(req, 0);
        answer(req, res, 401, 'missing or wrong bearer token', complete);
        options.onDelivery?.({ status: 401, error: 'unauthorized' });
        return;
      }
    }
    const receivedAt = now();
    const read = await readBody(req, limit);
    const base = { contentType: req.headers['content-type'], requestPath: path, bodyBytes: read.bytes };
    const quarantine = async (entry: Omit<QuarantineEntry, 'requestPath' | 'bodyBytes'>) => {
      try {
        await options.ledger.quarantine({ ...base, ...entry }, receivedAt);
      } catch (err) {
        // The database is not reachable: a transient fault, Alertmanager retries.
        const msg = `ledger write failed (${entry.reasonCode} payload not quarantined): ${(err as Error).message}`;
        answer(req, res, 503, msg, read.complete);
        options.onDelivery?.({ status: 503, error: msg });
        return;
      }
      answer(
        req,
        res,
        entry.httpStatus,
        `${entry.httpStatus < 300 ? 'accepted into quarantine' : 'rejected, quarantined'}: ${entry.reason}`,
        read.complete,
      );
      options.onDelivery?.({ status: entry.httpStatus, quarantined: true, error: entry.reason });
    };
    if (read.tooLarge) {
      await quarantine({
        body: read.body.subarray(0, OVERSIZE_KEPT_BYTES),
        truncated: true,
        reasonCode: 'ledger/body-too-large',
        reason: `body of ${read.bytes} bytes is larger than the limit of ${limit} bytes`,
        httpStatus: 413,
      });
      return;
    }
    let payload;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(read.body);
      payload = parseWebhookPayload(JSON.parse(text));
    } catch (err) {
      if (err instanceof WebhookPayloadError) {
        const status = err.code === 'ledger/unstorable' ? 202 : 400;
        await quarantine({
          body: read.body,
          reasonCode: err.code,
          reason: err.message,
          jsonPath: err.path,
          httpStatus: status,
        });
        return;
      }
      const reason =
        err instanceof SyntaxError
          ? `body is not JSON: ${err.message}`
          : `body is not UTF-8: ${(err as Error).message}`;
      await quarantine({ body: read.body, reasonCode: 'ledger/not-json', reason, httpStatus: 400 });
      return;
    }
    try {
      const { duplicate } = await options.ledger.record(payload, receivedAt);
      answer(req, res, 200, duplicate ? 'ok (duplicate delivery counted)' : 'ok');
      options.onDelivery?.({ status: 200, receiver: payload.receiver, alerts: payload.alerts.length, duplicate });
    } catch (err) {
      if (isPermanentDataError(err)) {
        const reason = `the database refused the typed rows: ${(err as Error).message}`;
        await quarantine({ body: read.body, reasonCode: 'ledger/rejected-by-database', reason, httpStatus: 202 });
        return;
      }
      const msg = `ledger write failed: ${(err as Error).message}`;
      answer(req, res, 503, msg);
      options.onDelivery?.({ status: 503, receiver: payload.receiver, error: msg });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) answer(req, res, 500, `internal error: ${(err as Error).message}`, false);
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
