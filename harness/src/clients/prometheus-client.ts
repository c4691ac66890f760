import { labelsKey, type Labels, type QueryValue, type SeriesData } from '@alertcraft/promql';
import { ApiError } from './errors.js';
import { HttpClient, type HttpClientOptions, type RetryPolicy } from './http.js';
import { matrixFromApi, queryValueFromApi, toApiDuration, toApiTime, type RawQueryData } from './prom-values.js';

export type PrometheusClientOptions = HttpClientOptions;

/** Retries of the Prometheus client unless given: 3 more attempts after 0.25 s, 0.5 s, 1 s. */
export const DEFAULT_PROMETHEUS_RETRY: RetryPolicy = { retries: 3, backoffMs: 250 };

/**
 * Prometheus refuses a range query of more than 11,000 points per series
 * (`(end - start) / step > 11000`); chunked range queries stay under it by this many steps a query.
 */
export const MAX_STEPS_PER_QUERY = 10_000;

/** Progress of a chunked range query: chunk `index` of `total` done, `steps` evaluated so far. */
export interface RangeChunkProgress {
  index: number;
  total: number;
  steps: number;
  totalSteps: number;
}

export interface ChunkedRangeOptions {
  /** Steps per query (default `MAX_STEPS_PER_QUERY`; at most 11,000). */
  maxSteps?: number;
  onChunk?: (p: RangeChunkProgress) => void;
}

/** A time window for the metadata endpoints (`series`, `labels`): Unix ms. */
export interface TimeRange {
  start?: number;
  end?: number;
}

/** `GET /api/v1/metadata` entry of a metric. */
export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

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
    const o = typeof opts === 'string' ? { url: opts } : opts;
    this.http = new HttpClient({ ...o, retry: o.retry ?? DEFAULT_PROMETHEUS_RETRY });
  }

  get url(): string {
    return this.http.baseUrl;
  }

  private async api<T>(
    path: string,
    form?: Record<string, string | undefined>,
    query?: Record<string, string | string[] | undefined>,
    match?: readonly string[],
  ): Promise<T> {
    const body = await this.http.json<ApiEnvelope<T>>({
      path,
      form,
      formMulti: match?.length ? { 'match[]': [...match] } : undefined,
      query,
      method: form ? 'POST' : 'GET',
    });
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

  /**
   * `query_range` over any number of steps: split into chunks of at most `maxSteps` steps on the
   * same grid (`start + k × step`), series merged by labels. The steps are exactly those a single
   * query would evaluate.
   */
  async queryRangeChunked(
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    opts: ChunkedRangeOptions = {},
  ): Promise<SeriesData[]> {
    const maxSteps = opts.maxSteps ?? MAX_STEPS_PER_QUERY;
    if (!(Number.isInteger(maxSteps) && maxSteps >= 1 && maxSteps <= 11_000))
      throw new RangeError(`maxSteps must be an integer from 1 to 11000, got ${maxSteps}`);
    if (!(stepMs > 0)) throw new RangeError(`step must be positive, got ${stepMs} ms`);
    const totalSteps = Math.floor((endMs - startMs) / stepMs) + 1;
    if (totalSteps <= 0) return [];
    const chunks = Math.ceil(totalSteps / maxSteps);
    const merged = new Map<string, SeriesData>();
    for (let index = 0; index < chunks; index++) {
      const first = index * maxSteps;
      const last = Math.min(totalSteps, first + maxSteps) - 1;
      const part = await this.queryRange(expr, startMs + first * stepMs, startMs + last * stepMs, stepMs);
      for (const s of part) {
        const k = labelsKey(s.labels);
        const prev = merged.get(k);
        if (!prev) merged.set(k, s);
        else
          merged.set(k, {
            labels: prev.labels,
            timestamps: concat(prev.timestamps, s.timestamps),
            values: concat(prev.values, s.values),
          });
      }
      opts.onChunk?.({ index, total: chunks, steps: last + 1, totalSteps });
    }
    return [...merged.values()];
  }

  /** `/api/v1/series`: label sets of the series matching any of `match` (selectors) in the range. */
  async series(match: readonly string[], range: TimeRange = {}): Promise<Labels[]> {
    if (!match.length) throw new RangeError('series() needs at least one match[] selector');
    return this.api<Labels[]>('/api/v1/series', timeForm(range), undefined, match);
  }

  /** `/api/v1/labels`: label names, optionally of the series matching `match`. */
  async labels(range: TimeRange & { match?: readonly string[] } = {}): Promise<string[]> {
    return this.api<string[]>('/api/v1/labels', timeForm(range), undefined, range.match);
  }

  /** `/api/v1/label/<name>/values`. */
  async labelValues(name: string, range: TimeRange & { match?: readonly string[] } = {}): Promise<string[]> {
    return this.api<string[]>(`/api/v1/label/${encodeURIComponent(name)}/values`, undefined, {
      ...timeForm(range),
      'match[]': range.match ? [...range.match] : undefined,
    });
  }

  /** `/api/v1/metadata`: type, help and unit per metric name (of the scrape targets; empty for backfilled data). */
  async metadata(metric?: string, limit?: number): Promise<Record<string, MetricMetadata[]>> {
    return this.api<Record<string, MetricMetadata[]>>('/api/v1/metadata', undefined, {
      metric,
      limit: limit === undefined ? undefined : String(limit),
    });
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
    const { res } = await this.http.raw({ path: '/-/ready', retry: false });
    return res.status === 200;
  }
}

function timeForm(range: TimeRange): Record<string, string | undefined> {
  return {
    start: range.start === undefined ? undefined : toApiTime(range.start),
    end: range.end === undefined ? undefined : toApiTime(range.end),
  };
}
