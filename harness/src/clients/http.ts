import { ApiError, UnreachableError } from './errors.js';

/** Credentials sent with every request; never part of a URL, a message or a log line. */
export type HttpAuth = { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };

/** When and how often a failed request is tried again. */
export interface RetryPolicy {
  /** Further attempts after the first (0: none). */
  retries: number;
  /** Wait before the first retry; doubled for each further one (exponential backoff). */
  backoffMs: number;
  /** Upper bound of one wait. Default 10 s. */
  maxBackoffMs?: number;
}

export interface HttpClientOptions {
  /**
   * Base URL, e.g. `http://127.0.0.1:9090` (a trailing slash and a path prefix are fine).
   * `user:password@` in it is taken as basic auth and removed from the URL.
   */
  url: string;
  /** Injected fetch (default: global fetch). */
  fetch?: typeof fetch;
  /** Per-request timeout (each attempt); default 30 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Basic auth or a bearer token, sent as the `Authorization` header. */
  auth?: HttpAuth;
  /**
   * Retries of requests that met a network error, a timeout or a 5xx answer (never a 4xx).
   * Default: none (the Prometheus client sets its own default).
   */
  retry?: RetryPolicy;
  /** Injected wait between retries (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestSpec {
  method?: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | string[] | undefined>;
  form?: Record<string, string | undefined>;
  /** Repeated form fields (`match[]`), appended after `form`. */
  formMulti?: Record<string, readonly string[]>;
  json?: unknown;
  /** False: one attempt whatever the client's retry policy (readiness polls). */
  retry?: boolean;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The base URL without credentials, and the basic auth they gave. Throws a message that does not
 * repeat the URL when it cannot be parsed (it may hold a password).
 */
export function splitCredentials(url: string): { url: string; auth?: HttpAuth } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError('invalid base URL (not shown: it may hold credentials)');
  }
  if (!u.username && !u.password) return { url: url.replace(/\/+$/, '') };
  const auth: HttpAuth = {
    type: 'basic',
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
  u.username = '';
  u.password = '';
  return { url: u.toString().replace(/\/+$/, ''), auth };
}

function authorization(auth: HttpAuth): string {
  if (auth.type === 'bearer') return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

/** The shared request path of the clients: URL building, auth, timeouts, retries, unreachable and status errors. */
export class HttpClient {
  /** The base URL, credentials removed. */
  readonly baseUrl: string;
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly retryPolicy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Attempts made by the last request (1 when it needed no retry). */
  lastAttempts = 0;

  constructor(opts: HttpClientOptions) {
    const split = splitCredentials(opts.url);
    this.baseUrl = split.url;
    this.doFetch = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.headers = { ...(opts.headers ?? {}) };
    const auth = opts.auth ?? split.auth;
    if (auth) this.headers.authorization = authorization(auth);
    this.retryPolicy = opts.retry ?? { retries: 0, backoffMs: 0 };
    this.sleep = opts.sleep ?? timer;
  }

  urlFor(path: string, query?: RequestSpec['query']): string {
    const u = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, item);
    }
    return u.toString();
  }

  /**
   * Performs the request; returns the response (any status) or throws `UnreachableError`. Network
   * errors, timeouts and 5xx answers are retried per the retry policy; the last answer (or error)
   * is returned.
   */
  async raw(spec: RequestSpec): Promise<{ url: string; res: Response; text: string }> {
    const url = this.urlFor(spec.path, spec.query);
    const headers: Record<string, string> = { ...this.headers };
    let body: string | undefined;
    if (spec.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(spec.form)) if (v !== undefined) params.append(k, v);
      for (const [k, vs] of Object.entries(spec.formMulti ?? {})) for (const v of vs) params.append(k, v);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    }
    const retries = spec.retry === false ? 0 : this.retryPolicy.retries;
    const maxWait = this.retryPolicy.maxBackoffMs ?? 10_000;
    for (let attempt = 0; ; attempt++) {
      this.lastAttempts = attempt + 1;
      const last = attempt >= retries;
      let res: Response;
      let text: string;
      try {
        res = await this.doFetch(url, {
          method: spec.method ?? (body === undefined ? 'GET' : 'POST'),
          headers,
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        text = await res.text();
      } catch (err) {
        if (last) throw new UnreachableError(url, err, attempt + 1);
        await this.sleep(Math.min(maxWait, this.retryPolicy.backoffMs * 2 ** attempt));
        continue;
      }
      if (res.status >= 500 && !last) {
        await this.sleep(Math.min(maxWait, this.retryPolicy.backoffMs * 2 ** attempt));
        continue;
      }
      return { url, res, text };
    }
  }

  /** Request expecting a 2xx JSON body (or empty body → undefined). Non-2xx → `ApiError`. */
  async json<T>(spec: RequestSpec): Promise<T> {
    const { url, res, text } = await this.raw(spec);
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const p = parsed as { error?: string; errorType?: string; message?: string } | undefined;
      throw new ApiError(
        url,
        res.status,
        p?.error ?? p?.message ?? (text.trim().slice(0, 500) || res.statusText),
        p?.errorType,
        this.lastAttempts,
      );
    }
    if (text && parsed === undefined) throw new ApiError(url, res.status, `expected JSON, got: ${text.slice(0, 200)}`);
    return parsed as T;
  }
}
