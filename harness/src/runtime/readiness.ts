import { RuntimeError } from './errors.js';

export interface WaitReadyOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Timeout of one poll; default 1 s. */
  attemptTimeoutMs?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /**
   * Called between polls; return a reason string when the server can no longer become ready
   * (its process exited), to stop waiting at once.
   */
  gone?: () => string | undefined;
}

export type ReadyOutcome = { ready: true; ms: number } | { ready: false; reason: string };

/**
 * Poll `url` (e.g. `http://127.0.0.1:9090/-/ready`) until it answers 200. Never throws for a
 * server that is not up yet; returns why it did not become ready.
 */
export async function waitForHttpReady(url: string, opts: WaitReadyOptions): Promise<ReadyOutcome> {
  const doFetch = opts.fetch ?? fetch;
  const interval = opts.intervalMs ?? 100;
  const t0 = performance.now();
  let last = 'no answer yet';
  for (;;) {
    if (opts.signal?.aborted) return { ready: false, reason: 'aborted' };
    const gone = opts.gone?.();
    if (gone) return { ready: false, reason: gone };
    try {
      // Short per-attempt timeout: a process that dies (or a foreign listener that never answers)
      // must not hold the loop; a healthy server answers /-/ready in milliseconds.
      const res = await doFetch(url, { signal: AbortSignal.timeout(opts.attemptTimeoutMs ?? 1000) });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status === 200) return { ready: true, ms: performance.now() - t0 };
      last = `HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      last = cause?.code ?? cause?.message ?? (err as Error).message;
    }
    if (performance.now() - t0 >= opts.timeoutMs) {
      return { ready: false, reason: `not ready after ${opts.timeoutMs} ms (last: ${last})` };
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Like `waitForHttpReady` but throws a `RuntimeError` with `what` and the URL. */
export async function ensureHttpReady(what: string, url: string, opts: WaitReadyOptions): Promise<number> {
  const outcome = await waitForHttpReady(url, opts);
  if (outcome.ready) return outcome.ms;
  throw new RuntimeError('runtime/not-ready', `${what} at ${url} did not become ready: ${outcome.reason}`);
}
