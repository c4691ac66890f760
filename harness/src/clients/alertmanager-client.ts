import { ExpositionError, parseExposition } from '@alertcraft/promql';
import { ApiError, ClientError } from './errors.js';
import { HttpClient, type HttpClientOptions } from './http.js';

/** One sample of a server's `/metrics`: metric name, its other labels, value. */
export interface ScrapedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export type AlertmanagerClientOptions = HttpClientOptions;

/** Alertmanager v2 matcher (`isEqual` false = `!=` / `!~`). */
export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

/** A silence to create (or update, with `id`). Times are RFC 3339 strings, as the API takes them. */
export interface PostableSilence {
  id?: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface GettableSilence extends PostableSilence {
  id: string;
  status: { state: 'expired' | 'active' | 'pending' };
  updatedAt: string;
}

/** An alert as clients push it (`POST /api/v2/alerts`). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  fingerprint: string;
  receivers: Array<{ name: string }>;
  status: { state: 'unprocessed' | 'active' | 'suppressed'; silencedBy: string[]; inhibitedBy: string[] };
  generatorURL?: string;
}

export interface GetAlertsFilter {
  /** Matchers in Alertmanager's filter syntax, e.g. `['alertname="HighErrorRate"', 'severity=~"page|critical"']`. */
  filter?: string[];
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  unprocessed?: boolean;
  receiver?: string;
}

export interface AlertmanagerStatus {
  cluster: { status: string; peers?: unknown[] };
  versionInfo: { version: string; revision?: string; branch?: string; goVersion?: string };
  config: { original: string };
  uptime: string;
}

const bool = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : String(b));

/** Alertmanager v2 API client with injected fetch. */
export class AlertmanagerClient {
  readonly http: HttpClient;

  constructor(opts: AlertmanagerClientOptions | string) {
    this.http = new HttpClient(typeof opts === 'string' ? { url: opts } : opts);
  }

  get url(): string {
    return this.http.baseUrl;
  }

  /** Create (or update when `silence.id` is set) a silence; returns its id. */
  async postSilence(silence: PostableSilence): Promise<string> {
    const res = await this.http.json<{ silenceID: string }>({
      method: 'POST',
      path: '/api/v2/silences',
      json: silence,
    });
    return res.silenceID;
  }

  async getSilences(filter?: string[]): Promise<GettableSilence[]> {
    return this.http.json<GettableSilence[]>({ path: '/api/v2/silences', query: { filter } });
  }

  async getSilence(id: string): Promise<GettableSilence> {
    return this.http.json<GettableSilence>({ path: `/api/v2/silence/${encodeURIComponent(id)}` });
  }

  /** Expire a silence (Alertmanager keeps expired silences until their retention ends). */
  async deleteSilence(id: string): Promise<void> {
    await this.http.json<unknown>({ method: 'DELETE', path: `/api/v2/silence/${encodeURIComponent(id)}` });
  }

  async postAlerts(alerts: PostableAlert[]): Promise<void> {
    await this.http.json<unknown>({ method: 'POST', path: '/api/v2/alerts', json: alerts });
  }

  async getAlerts(f: GetAlertsFilter = {}): Promise<GettableAlert[]> {
    return this.http.json<GettableAlert[]>({
      path: '/api/v2/alerts',
      query: {
        filter: f.filter,
        active: bool(f.active),
        silenced: bool(f.silenced),
        inhibited: bool(f.inhibited),
        unprocessed: bool(f.unprocessed),
        receiver: f.receiver,
      },
    });
  }

  async status(): Promise<AlertmanagerStatus> {
    return this.http.json<AlertmanagerStatus>({ path: '/api/v2/status' });
  }

  /** Scrape `/metrics` (e.g. `alertmanager_notifications_total`). */
  async metrics(): Promise<ScrapedSample[]> {
    const { res, text, url } = await this.http.raw({ path: '/metrics' });
    if (!res.ok) throw new ApiError(url, res.status, text.slice(0, 200));
    const out: ScrapedSample[] = [];
    try {
      // Prometheus text exposition (promql's parser); scraped samples carry no timestamp, none is kept.
      parseExposition(
        text,
        (labels, _t, value) => {
          const { __name__: name, ...rest } = labels;
          out.push({ name: name!, labels: rest, value });
        },
        { format: 'prometheus', defaultTimestampMs: 0, file: url },
      );
    } catch (err) {
      if (err instanceof ExpositionError)
        throw new ClientError('client/bad-metrics', `${url} served metrics that do not parse: ${err.message}`, url, {
          cause: err,
        });
      throw err;
    }
    return out;
  }

  async ready(): Promise<boolean> {
    const { res } = await this.http.raw({ path: '/-/ready' });
    return res.status === 200;
  }
}
