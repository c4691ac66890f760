import type { QueryValue, SeriesData } from '@alertcraft/promql';
import { ApiError } from './errors.js';
import { HttpClient, type HttpClientOptions } from './http.js';
import { matrixFromApi, queryValueFromApi, toApiDuration, toApiTime, type RawQueryData } from './prom-values.js';

export type PrometheusClientOptions = HttpClientOptions;

interface ApiEnvelope<T> {
  status: 'success' | 'error';
  data: T;
  warnings?: string[];
  /** Prometheus ≥ 2.45: informational annotations (e.g. "metric might not be a counter"); absent on 2.42. */
  infos?: string[];
  error?: string;
  errorType?: string;
}

/** `GET /api/v1/rules` group, as the API returns it (the fields alertcraft reads). */
export interface ApiRuleGroup {
  name: string;
  file: string;
  interval: number;
  rules: Array<{
    type: 'alerting' | 'recording';
    name: string;
    query: string;
    health: string;
    lastError?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    duration?: number;
    state?: 'inactive' | 'pending' | 'firing';
    alerts?: ApiAlert[];
  }>;
}

/** `GET /api/v1/alerts` alert. */
export interface ApiAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value: string;
}

export interface BuildInfo {
  version: string;
  revision?: string;
  branch?: string;
  goVersion?: string;
}

/**
 * Prometheus HTTP API client (`/api/v1`). Times are Unix ms in and out; results are the plain
 * value types of `@alertcraft/promql` (typed arrays for matrices). Fetch is injectable.
 */
export class PrometheusClient {
  readonly http: HttpClient;
  /** Warnings the server attached to the last response. */
  lastWarnings: string[] = [];
  /** Info annotations of the last response (Prometheus ≥ 2.45 only; always empty on 2.42). */
  lastInfos: string[] = [];

  constructor(opts: PrometheusClientOptions | string) {
    this.http = new HttpClient(typeof opts === 'string' ? { url: opts } : opts);
  }

  get url(): string {
    return this.http.baseUrl;
  }

  private async api<T>(
    path: string,
    form?: Record<string, string | undefined>,
    query?: Record<string, string | string[] | undefined>,
  ): Promise<T> {
    const body = await this.http.json<ApiEnvelope<T>>({ path, form, query, method: form ? 'POST' : 'GET' });
    if (body?.status !== 'success') {
      throw new ApiError(this.http.urlFor(path), 200, body?.error ?? 'unexpected response', body?.errorType);
    }
    this.lastWarnings = body.warnings ?? [];
    this.lastInfos = body.infos ?? [];
    return body.data;
  }

  /** Instant query at `timeMs` (default: the server's now). */
  async query(expr: string, timeMs?: number): Promise<QueryValue> {
    const data = await this.api<RawQueryData>('/api/v1/query', {
      query: expr,
      time: timeMs === undefined ? undefined : toApiTime(timeMs),
    });
    return queryValueFromApi(data);
  }

  /**
   * Range query: evaluations at `start + k × step` ≤ `end`. Prometheus refuses more than 11,000
   * steps per query; `queryRangeChunked` splits longer ranges.
   */
  async queryRange(expr: string, startMs: number, endMs: number, stepMs: number): Promise<SeriesData[]> {
    const data = await this.api<RawQueryData>('/api/v1/query_range', {
      query: expr,
      start: toApiTime(startMs),
      end: toApiTime(endMs),
      step: toApiDuration(stepMs),
    });
    if (data.resultType !== 'matrix')
      throw new ApiError(this.http.urlFor('/api/v1/query_range'), 200, `expected a matrix, got ${data.resultType}`);
    return matrixFromApi(data.result as Parameters<typeof matrixFromApi>[0]);
  }

  /** `/api/v1/rules` groups. */
  async rules(type?: 'alert' | 'record'): Promise<ApiRuleGroup[]> {
    const data = await this.api<{ groups: ApiRuleGroup[] }>('/api/v1/rules', undefined, { type });
    return data.groups;
  }

  /** `/api/v1/alerts`: alerts of the server's own rule evaluation. */
  async alerts(): Promise<ApiAlert[]> {
    const data = await this.api<{ alerts: ApiAlert[] }>('/api/v1/alerts');
    return data.alerts;
  }

  async buildInfo(): Promise<BuildInfo> {
    return this.api<BuildInfo>('/api/v1/status/buildinfo');
  }

  /** True when `/-/ready` answers 200; false for any other status; `UnreachableError` when nothing answers. */
  async ready(): Promise<boolean> {
    const { res } = await this.http.raw({ path: '/-/ready' });
    return res.status === 200;
  }
}
