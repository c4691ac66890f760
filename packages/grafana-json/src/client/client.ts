/**
 * An idempotent client for the parts of Grafana 11.2's HTTP API a pack needs: health, datasources,
 * folders by uid, dashboards (overwrite, version conflicts), provisioned rule groups (PUT, with
 * `X-Disable-Provenance` when asked). Token or basic auth; a timeout per request; retries with
 * backoff for network errors, 429 and 5xx on idempotent requests (GET, PUT); every failure carries
 * Grafana's own `message` and never the credentials. `fetch` is injected (default: the global one).
 */
import type { Dashboard } from '../dashboards/types.js';

export type GrafanaAuth = { token: string } | { username: string; password: string };

export interface GrafanaClientOptions {
  url: string;
  auth?: GrafanaAuth;
  /** Per-request timeout, ms (default 10 000). */
  timeoutMs?: number;
  /** Retries of an idempotent request after a network error, 429 or 5xx (default 2). */
  retries?: number;
  /** Backoff before retry n (1-based), ms; default 200 × 2^(n-1). */
  backoffMs?: (attempt: number) => number;
  /** Send `X-Disable-Provenance: true` on provisioning writes, so the rules stay editable in the UI. */
  disableProvenance?: boolean;
  orgId?: number;
  fetch?: typeof fetch;
  /** Waits between retries (injected for tests; default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

export class GrafanaApiError extends Error {
  readonly code = 'grafana/api';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | undefined,
    readonly grafanaMessage: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${method} ${path}: ${status === undefined ? 'request failed' : `HTTP ${status}`}: ${grafanaMessage}`,
      options,
    );
    this.name = 'GrafanaApiError';
  }
}

/** The URL with any user:password replaced by `***` (for messages). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = u.username ? '***' : '';
      u.password = u.password ? '***' : '';
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}

export interface DashboardSaveResult {
  uid: string;
  version: number;
  /** `unchanged`: the stored dashboard already equals it (nothing written). */
  outcome: 'created' | 'updated' | 'unchanged';
}

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, (x as Record<string, unknown>)[k]]),
        )
      : x,
  );

/** Dashboard fields Grafana sets itself, left out when comparing. */
function comparable(d: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _v, ...rest } = d;
  return rest;
}

export function grafanaClient(options: GrafanaClientOptions) {
  const base = new URL(options.url);
  const fromUrl =
    base.username || base.password
      ? { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) }
      : undefined;
  base.username = '';
  base.password = '';
  const root = base.toString().replace(/\/$/, '');
  const auth = options.auth ?? fromUrl;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? ((n: number) => 200 * 2 ** (n - 1));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  function headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', ...extra };
    if (auth && 'token' in auth) h.authorization = `Bearer ${auth.token}`;
    else if (auth) h.authorization = `Basic ${btoa(`${auth.username}:${auth.password}`)}`;
    if (options.orgId !== undefined) h['x-grafana-org-id'] = String(options.orgId);
    return h;
  }

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
    accept: readonly number[] = [],
  ): Promise<{ status: number; body: T }> {
    const idempotent = method === 'GET' || method === 'PUT' || method === 'DELETE';
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await doFetch(`${root}${path}`, {
          method,
          headers: headers(body === undefined ? extra : { 'content-type': 'application/json', ...extra }),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as Error;
        // fetch's own message is "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, bad port...)
        const cause = e.cause as NodeJS.ErrnoException | undefined;
        const detail = cause?.code ?? cause?.message;
        const why =
          e.name === 'TimeoutError'
            ? `timed out after ${timeoutMs} ms`
            : detail
              ? `${e.message}: ${detail}`
              : e.message;
        if (idempotent && attempt < retries) {
          await sleep(backoff(attempt + 1));
          continue;
        }
        throw new GrafanaApiError(method, path, undefined, `${why} (${maskUrl(options.url)})`, { cause: err });
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      if (res.ok || accept.includes(res.status)) return { status: res.status, body: parsed as T };
      if (idempotent && attempt < retries && (res.status === 429 || res.status >= 500)) {
        await sleep(backoff(attempt + 1));
        continue;
      }
      const message =
        parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string'
          ? (parsed as { message: string }).message
          : typeof parsed === 'string' && parsed
            ? parsed.slice(0, 300)
            : res.statusText;
      throw new GrafanaApiError(method, path, res.status, message);
    }
  }

  const enc = encodeURIComponent;
  const provenance = (): Record<string, string> =>
    options.disableProvenance ? { 'x-disable-provenance': 'true' } : {};

  return {
    /** GET /api/health: `{ database, version, commit }`. */
    async health(): Promise<{ database: string; version: string; commit?: string }> {
      return (await request<{ database: string; version: string; commit?: string }>('GET', '/api/health')).body;
    },
    async datasources(): Promise<Array<{ uid: string; type: string; name: string }>> {
      return (await request<Array<{ uid: string; type: string; name: string }>>('GET', '/api/datasources')).body;
    },
    /** GET /api/folders: every folder's uid and title. */
    async listFolders(): Promise<Array<{ uid: string; title: string }>> {
      return (await request<Array<{ uid: string; title: string }>>('GET', '/api/folders?limit=1000')).body;
    },
    /** GET /api/search?type=dash-db: every dashboard's uid (and folder uid). */
    async listDashboards(): Promise<Array<{ uid: string; title: string; folderUid?: string }>> {
      return (
        await request<Array<{ uid: string; title: string; folderUid?: string }>>(
          'GET',
          '/api/search?type=dash-db&limit=5000',
        )
      ).body;
    },
    /** GET /api/v1/provisioning/alert-rules: every Grafana-managed rule (with folderUID, ruleGroup). */
    async listAlertRules(): Promise<Array<Record<string, unknown>>> {
      return (await request<Array<Record<string, unknown>>>('GET', '/api/v1/provisioning/alert-rules')).body;
    },
    /** GET /api/v1/provisioning/contact-points. */
    async listContactPoints(): Promise<Array<Record<string, unknown>>> {
      return (await request<Array<Record<string, unknown>>>('GET', '/api/v1/provisioning/contact-points')).body;
    },
    /** POST /api/v1/provisioning/contact-points (a new contact point, its uid kept). */
    async createContactPoint(body: Record<string, unknown>): Promise<Record<string, unknown>> {
      return (await request<Record<string, unknown>>('POST', '/api/v1/provisioning/contact-points', body, provenance()))
        .body;
    },
    /** GET /api/folders/{uid}; undefined when there is none. */
    async getFolder(uid: string): Promise<{ uid: string; title: string; version: number } | undefined> {
      const r = await request<{ uid: string; title: string; version: number }>(
        'GET',
        `/api/folders/${enc(uid)}`,
        undefined,
        {},
        [404],
      );
      return r.status === 404 ? undefined : r.body;
    },
    /** The folder with `uid`, created (or renamed) when needed. */
    async ensureFolder(
      uid: string,
      title: string,
    ): Promise<{ uid: string; title: string; outcome: 'created' | 'updated' | 'unchanged' }> {
      const got = await request<{ uid: string; title: string; version: number }>(
        'GET',
        `/api/folders/${enc(uid)}`,
        undefined,
        {},
        [404],
      );
      if (got.status === 404) {
        await request('POST', '/api/folders', { uid, title });
        return { uid, title, outcome: 'created' };
      }
      if (got.body.title === title) return { uid, title, outcome: 'unchanged' };
      await request('PUT', `/api/folders/${enc(uid)}`, { title, version: got.body.version, overwrite: false });
      return { uid, title, outcome: 'updated' };
    },
    async getDashboard(
      uid: string,
    ): Promise<{ dashboard: Record<string, unknown>; meta: Record<string, unknown> } | undefined> {
      const r = await request<{ dashboard: Record<string, unknown>; meta: Record<string, unknown> }>(
        'GET',
        `/api/dashboards/uid/${enc(uid)}`,
        undefined,
        {},
        [404],
      );
      return r.status === 404 ? undefined : r.body;
    },
    /**
     * Saves a dashboard idempotently: unchanged when the stored one equals it; otherwise written
     * over the stored version (`overwrite: false` with that version), so a concurrent edit is a
     * version conflict (412) reported with Grafana's message, unless `overwrite` is set.
     */
    async saveDashboard(
      dashboard: Dashboard | Record<string, unknown>,
      o: { folderUid?: string; overwrite?: boolean; message?: string } = {},
    ): Promise<DashboardSaveResult> {
      const d = dashboard as Record<string, unknown>;
      const uid = String(d.uid);
      const current = await this.getDashboard(uid);
      if (current && stable(comparable(current.dashboard)) === stable(comparable(d))) {
        return { uid, version: Number(current.dashboard.version), outcome: 'unchanged' };
      }
      const body: Record<string, unknown> = {
        dashboard: { ...comparable(d), ...(current ? { version: current.dashboard.version } : {}) },
        overwrite: o.overwrite ?? false,
        ...(o.folderUid ? { folderUid: o.folderUid } : {}),
        ...(o.message ? { message: o.message } : {}),
      };
      const r = await request<{ uid: string; version: number }>('POST', '/api/dashboards/db', body);
      return { uid: r.body.uid, version: r.body.version, outcome: current ? 'updated' : 'created' };
    },
    async getRuleGroup(folderUid: string, group: string): Promise<Record<string, unknown> | undefined> {
      const r = await request<Record<string, unknown>>(
        'GET',
        `/api/v1/provisioning/folder/${enc(folderUid)}/rule-groups/${enc(group)}`,
        undefined,
        {},
        [404],
      );
      return r.status === 404 ? undefined : r.body;
    },
    /** PUT a provisioning-API rule group (the `provisioning-api-group` shape): idempotent by nature. */
    async putRuleGroup(
      folderUid: string,
      group: string,
      body: Record<string, unknown>,
    ): Promise<Record<string, unknown>> {
      return (
        await request<Record<string, unknown>>(
          'PUT',
          `/api/v1/provisioning/folder/${enc(folderUid)}/rule-groups/${enc(group)}`,
          body,
          provenance(),
        )
      ).body;
    },
  };
}

export type GrafanaClient = ReturnType<typeof grafanaClient>;
