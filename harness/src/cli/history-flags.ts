/**
 * Flags shared by `calibrate` and `backtest` for reading history from a Prometheus-API server:
 * `--prometheus URL --from T --to T`, auth, `--chunk`, `--timeout`, all validated before any
 * request. Credentials: `user:password@` in the URL (basic auth), `--bearer-token-file FILE`, or
 * the `PROMETHEUS_BEARER_TOKEN` environment variable; none is ever printed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDuration } from '@alertcraft/rule-dsl';
import { UnreachableError, ApiError } from '../clients/errors.js';
import { PrometheusClient } from '../clients/prometheus-client.js';
import type { HttpAuth } from '../clients/http.js';
import { flagHttpUrl, flagString, InputError, redactUrl, UsageError, type ParsedFlags } from './command.js';

export const HISTORY_VALUE_FLAGS = ['prometheus', 'from', 'to', 'bearer-token-file', 'chunk', 'timeout'] as const;

export const HISTORY_HELP = [
  '  --prometheus URL        a server speaking the Prometheus HTTP API (Prometheus, Thanos Query,',
  '                          Mimir/Cortex with its /prometheus prefix, VictoriaMetrics)',
  '  --from T, --to T        the history window: RFC 3339 (2025-09-01T00:00:00Z) or Unix seconds',
  '  --chunk D               history per request when pulling series (default 6h)',
  '  --timeout D             per-request timeout (default 30s); 5xx and network errors are retried',
  '                          3 times with backoff (0.25 s, 0.5 s, 1 s), 4xx never',
  '  --bearer-token-file F   send "Authorization: Bearer <token>" read from F; or set',
  '                          PROMETHEUS_BEARER_TOKEN; basic auth: http://user:password@host/',
  '                          (credentials are never printed)',
];

export interface HistoryFlags {
  client: PrometheusClient;
  /** The URL without credentials, for messages. */
  url: string;
  from: number;
  to: number;
  chunkMs?: number;
}

function time(parsed: ParsedFlags, name: string): number {
  const text = flagString(parsed, name);
  if (text === undefined) throw new UsageError(`--${name} is required with --prometheus`);
  if (/^\d{1,12}(\.\d{1,3})?$/.test(text)) return Math.round(Number(text) * 1000);
  const t = /^\d{4}-\d\d-\d\dT/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(t))
    throw new UsageError(`--${name} '${text}': expected an RFC 3339 time (2025-09-01T00:00:00Z) or Unix seconds`);
  return t;
}

function durationFlag(parsed: ParsedFlags, name: string): number | undefined {
  const text = flagString(parsed, name);
  if (text === undefined) return undefined;
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    throw new UsageError(`--${name} '${text}': expected a duration such as 30s, 6h`);
  }
  if (!(ms >= 1000)) throw new UsageError(`--${name} '${text}': must be at least 1s`);
  return ms;
}

/** The history flags, or undefined when `--prometheus` is absent (the others are then refused). */
export function historyFlags(
  parsed: ParsedFlags,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): HistoryFlags | undefined {
  const url = flagHttpUrl(parsed, 'prometheus');
  if (url === undefined) {
    const given = HISTORY_VALUE_FLAGS.filter((n) => n !== 'prometheus' && parsed.flags[n] !== undefined);
    if (given.length) throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} only apply with --prometheus`);
    return undefined;
  }
  const from = time(parsed, 'from');
  const to = time(parsed, 'to');
  if (!(to > from)) throw new UsageError('--to must be after --from');
  const chunkMs = durationFlag(parsed, 'chunk');
  const timeoutMs = durationFlag(parsed, 'timeout');
  let auth: HttpAuth | undefined;
  const tokenFile = flagString(parsed, 'bearer-token-file');
  if (tokenFile !== undefined) {
    let token: string;
    try {
      token = readFileSync(resolve(cwd, tokenFile), 'utf8').trim();
    } catch (err) {
      throw new InputError(`cannot read the bearer token file: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, {
        where: tokenFile,
      });
    }
    if (!token) throw new InputError('the bearer token file is empty', { where: tokenFile });
    auth = { type: 'bearer', token };
  } else if (env.PROMETHEUS_BEARER_TOKEN) {
    auth = { type: 'bearer', token: env.PROMETHEUS_BEARER_TOKEN.trim() };
  }
  if (auth && /^[a-z]+:\/\/[^/]*@/i.test(url))
    throw new UsageError('give either credentials in the --prometheus URL or a bearer token, not both');
  const client = new PrometheusClient({ url, ...(auth ? { auth } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
  return { client, url: redactUrl(client.url), from, to, chunkMs };
}

/** Client errors as one-line InputErrors (exit 2): unreachable, refused, auth. */
export function historyError(err: unknown): never {
  if (err instanceof UnreachableError || err instanceof ApiError)
    throw new InputError(err.message, { code: err.code, cause: err });
  throw err;
}
