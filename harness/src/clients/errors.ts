/** Errors of the HTTP API clients (Prometheus, Alertmanager). Stable `code`s, messages with the URL. */
export class ClientError extends Error {
  readonly code: string;
  readonly url: string;
  constructor(code: string, message: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientError';
    this.code = code;
    this.url = url;
  }
}

/** The server did not answer (connection refused, DNS, timeout). */
export class UnreachableError extends ClientError {
  /** Attempts made (1 without retries). */
  readonly attempts: number;
  constructor(url: string, cause: unknown, attempts = 1) {
    super(
      'client/unreachable',
      `Cannot reach ${url}: ${describeCause(cause)}${attempts > 1 ? ` (${attempts} attempts)` : ''}. Is the server running and the URL right?`,
      url,
      { cause },
    );
    this.name = 'UnreachableError';
    this.attempts = attempts;
  }
}

/** The server answered with an error status or an error body. */
export class ApiError extends ClientError {
  readonly status: number;
  /** Prometheus' `errorType` (`bad_data`, `execution`, `timeout`...) when given. */
  readonly errorType?: string;
  /** Attempts made (1 without retries; more when 5xx answers were retried). */
  readonly attempts: number;
  constructor(url: string, status: number, message: string, errorType?: string, attempts = 1) {
    super(
      'client/api',
      `${url} answered ${status}${errorType ? ` (${errorType})` : ''}${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${message}`,
      url,
    );
    this.name = 'ApiError';
    this.status = status;
    this.errorType = errorType;
    this.attempts = attempts;
  }
}

/** Why a fetch failed, from undici's nested `cause` (`ECONNREFUSED 127.0.0.1:9090`). */
export function describeCause(err: unknown): string {
  const e = err as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string; address?: string; port?: number };
  };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer in time (${e.name})`;
  const c = e?.cause;
  if (c?.code) return `${c.code}${c.address ? ` ${c.address}${c.port ? `:${c.port}` : ''}` : ''}`;
  return c?.message ?? e?.message ?? String(err);
}
