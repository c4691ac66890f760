import { ApiError, UnreachableError } from './errors.js';

export interface HttpClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:9090` (a trailing slash and a path prefix are fine). */
  url: string;
  /** Injected fetch (default: global fetch). */
  fetch?: typeof fetch;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export interface RequestSpec {
  method?: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | string[] | undefined>;
  form?: Record<string, string | undefined>;
  json?: unknown;
}

/** The shared request path of the clients: URL building, timeouts, unreachable and status errors. */
export class HttpClient {
  readonly baseUrl: string;
  private readonly doFetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;

  constructor(opts: HttpClientOptions) {
    this.baseUrl = opts.url.replace(/\/+$/, '');
    this.doFetch = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.headers = opts.headers ?? {};
  }

  urlFor(path: string, query?: RequestSpec['query']): string {
    const u = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, item);
    }
    return u.toString();
  }

  /** Performs the request; returns the response (any status) or throws `UnreachableError`. */
  async raw(spec: RequestSpec): Promise<{ url: string; res: Response; text: string }> {
    const url = this.urlFor(spec.path, spec.query);
    const headers: Record<string, string> = { ...this.headers };
    let body: string | undefined;
    if (spec.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(spec.form)) if (v !== undefined) params.append(k, v);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    }
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
      throw new UnreachableError(url, err);
    }
    return { url, res, text };
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
      );
    }
    if (text && parsed === undefined) throw new ApiError(url, res.status, `expected JSON, got: ${text.slice(0, 200)}`);
    return parsed as T;
  }
}
