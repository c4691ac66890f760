/**
 * A seeded generator of random float series shaped like real scrapes: counters with resets,
 * gauges (with the odd NaN), classic histograms (`_bucket{le}` + `_sum` + `_count`, one scrape
 * for all of them), `up`, scrape jitter and gaps. Made for differential tests of the engine
 * against Prometheus, and for benchmarks.
 *
 * Gaps are runs of missed scrapes; a gap longer than the lookback delta makes a series vanish
 * from instant vectors for a while. Staleness markers are only written when `staleMarkers` is
 * on: they cannot be backfilled into TSDB blocks through OpenMetrics text, so a differential run
 * against blocks must model disappearance with gaps instead.
 */
import { STALE_NAN } from '../storage/stale.js';
import type { Labels, SeriesData } from '../values.js';
import { chance, pick, randInt, type Rng } from './prng.js';

export interface GenerateSeriesOptions {
  /** First scrape (Unix ms). */
  startMs: number;
  /** Last possible scrape (Unix ms, inclusive). */
  endMs: number;
  /** Scrape interval (default 15 000 ms). */
  scrapeMs?: number;
  /** Each scrape timestamp moves by up to ± this many ms (default 0; must be < scrapeMs / 2). */
  jitterMs?: number;
  /** Counter series `http_requests_total{job,instance,method,code}` (default 6). */
  counters?: number;
  /** Gauge series `queue_depth{job,instance,region}` (default 4). */
  gauges?: number;
  /** Classic histograms `request_duration_seconds{job,instance}` (default 2). */
  histograms?: number;
  /** One `up{job,instance}` per distinct target (default true). */
  up?: boolean;
  /** Probability that a scrape starts a gap (default 0.01). */
  gapChance?: number;
  /** Longest gap in scrapes (default 40: 10 min at 15 s, longer than the 5 min lookback). */
  maxGapScrapes?: number;
  /** Probability per scrape that a counter (or a whole histogram) resets (default 0.005). */
  resetChance?: number;
  /** Probability per gauge sample of a NaN value (default 0.002). */
  nanChance?: number;
  /** Write a staleness marker at the first missed scrape of each gap (default false: see the module comment). */
  staleMarkers?: boolean;
  /** Bucket bounds of the histograms (default 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, +Inf). */
  buckets?: readonly number[];
}

/** Label names and values the generated series use (for generating matching expressions). */
export const GENERATED_SERIES_LABELS = {
  metrics: [
    'http_requests_total',
    'queue_depth',
    'up',
    'request_duration_seconds_bucket',
    'request_duration_seconds_sum',
    'request_duration_seconds_count',
  ],
  labels: ['job', 'instance', 'method', 'code', 'region', 'le'],
  values: [
    'api',
    'web',
    'api-0',
    'api-1',
    'web-0',
    'GET',
    'POST',
    '200',
    '500',
    'eu-west-1',
    'us-east-1',
    '0.5',
    '+Inf',
  ],
} as const;

const DEFAULT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, Infinity];
const JOBS = ['api', 'web'];
const METHODS = ['GET', 'POST'];
const CODES = ['200', '500'];
const REGIONS = ['eu-west-1', 'us-east-1'];

/** `le` as Prometheus client libraries write it (`0.5`, `1`, `+Inf`). */
function leString(b: number): string {
  return b === Infinity ? '+Inf' : String(b);
}

interface Target {
  job: string;
  instance: string;
}

/** Scrape times of one target: the grid with jitter and gaps; `stale` holds the gap starts. */
function scrapeTimes(rng: Rng, o: Required<Omit<GenerateSeriesOptions, 'buckets'>>): { ts: number[]; stale: number[] } {
  const ts: number[] = [];
  const stale: number[] = [];
  const phase = randInt(rng, 0, o.scrapeMs - 1);
  let last = -Infinity;
  for (let k = 0; ; k++) {
    const base = o.startMs + phase + k * o.scrapeMs;
    if (base > o.endMs) break;
    if (k > 0 && chance(rng, o.gapChance)) {
      const len = randInt(rng, 1, o.maxGapScrapes);
      stale.push(base);
      k += len - 1;
      continue;
    }
    const t = Math.min(
      o.endMs,
      Math.max(o.startMs, base + (o.jitterMs > 0 ? randInt(rng, -o.jitterMs, o.jitterMs) : 0)),
    );
    if (t <= last) continue;
    ts.push(t);
    last = t;
  }
  return { ts, stale };
}

/** Merges samples and staleness markers (at gap starts) into sorted typed arrays. */
function toSeries(
  labels: Labels,
  ts: readonly number[],
  vs: readonly number[],
  stale: readonly number[],
  staleMarkers: boolean,
): SeriesData {
  if (!staleMarkers || stale.length === 0)
    return { labels, timestamps: Float64Array.from(ts), values: Float64Array.from(vs) };
  const n = ts.length + stale.length;
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (j < stale.length && (i >= ts.length || stale[j]! < ts[i]!)) {
      timestamps[k] = stale[j++]!;
      values[k] = STALE_NAN;
    } else {
      timestamps[k] = ts[i]!;
      values[k] = vs[i++]!;
    }
  }
  return { labels, timestamps, values };
}

/**
 * Random series for `[startMs, endMs]`, deterministic for a given `rng` state. Series are
 * returned in generation order; every series has a `__name__`.
 */
export function generateSeries(rng: Rng, options: GenerateSeriesOptions): SeriesData[] {
  const o = {
    scrapeMs: 15_000,
    jitterMs: 0,
    counters: 6,
    gauges: 4,
    histograms: 2,
    up: true,
    gapChance: 0.01,
    maxGapScrapes: 40,
    resetChance: 0.005,
    nanChance: 0.002,
    staleMarkers: false,
    ...options,
  };
  const buckets = options.buckets ?? DEFAULT_BUCKETS;
  if (!(o.endMs >= o.startMs)) throw new RangeError(`generateSeries: endMs ${o.endMs} is before startMs ${o.startMs}`);
  if (!(o.scrapeMs > 0) || !(o.jitterMs >= 0) || o.jitterMs * 2 >= o.scrapeMs)
    throw new RangeError('generateSeries: need scrapeMs > 0 and 0 ≤ jitterMs < scrapeMs / 2');
  const out: SeriesData[] = [];
  const targets = new Map<string, Target>();
  const target = (): Target => {
    const job = pick(rng, JOBS);
    const t = { job, instance: `${job}-${randInt(rng, 0, 1)}` };
    targets.set(`${t.job}/${t.instance}`, t);
    return t;
  };
  const seen = new Set<string>();
  const unique = (labels: Labels): boolean => {
    const k = JSON.stringify(labels);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };

  for (let i = 0; i < o.counters; i++) {
    const t = target();
    const labels: Labels = {
      __name__: 'http_requests_total',
      code: pick(rng, CODES),
      instance: t.instance,
      job: t.job,
      method: pick(rng, METHODS),
    };
    if (!unique(labels)) continue;
    const { ts, stale } = scrapeTimes(rng, o);
    const rate = pick(rng, [0.1, 1, 7.5, 120]);
    const integer = chance(rng, 0.6);
    let v = integer ? randInt(rng, 0, 1000) : rng() * 1000;
    const vs: number[] = [];
    for (let k = 0; k < ts.length; k++) {
      if (k > 0) {
        const dt = (ts[k]! - ts[k - 1]!) / 1000;
        const inc = rate * dt * rng() * 2;
        v += integer ? Math.round(inc) : inc;
        if (chance(rng, o.resetChance)) v = integer ? randInt(rng, 0, 5) : rng() * 5;
      }
      vs.push(v);
    }
    out.push(toSeries(labels, ts, vs, stale, o.staleMarkers));
  }

  for (let i = 0; i < o.gauges; i++) {
    const t = target();
    const labels: Labels = { __name__: 'queue_depth', instance: t.instance, job: t.job, region: pick(rng, REGIONS) };
    if (!unique(labels)) continue;
    const { ts, stale } = scrapeTimes(rng, o);
    const integer = chance(rng, 0.5);
    const scale = pick(rng, [1, 10, 1000]);
    let v = (rng() - 0.3) * scale;
    const vs: number[] = [];
    for (let k = 0; k < ts.length; k++) {
      v += (rng() - 0.5) * scale * 0.2;
      const x = integer ? Math.round(v) : v;
      vs.push(chance(rng, o.nanChance) ? NaN : x);
    }
    out.push(toSeries(labels, ts, vs, stale, o.staleMarkers));
  }

  for (let i = 0; i < o.histograms; i++) {
    const t = target();
    const base: Labels = { instance: t.instance, job: t.job };
    if (!unique(base)) continue;
    const { ts, stale } = scrapeTimes(rng, o);
    const counts = buckets.map(() => [] as number[]);
    const sums: number[] = [];
    const totals: number[] = [];
    const cum = new Float64Array(buckets.length);
    let sum = 0;
    let total = 0;
    const median = pick(rng, [0.08, 0.3, 1.2]);
    for (let k = 0; k < ts.length; k++) {
      if (k > 0 && chance(rng, o.resetChance)) {
        cum.fill(0);
        sum = 0;
        total = 0;
      }
      const n = randInt(rng, 0, 30);
      for (let j = 0; j < n; j++) {
        // log-normal-ish latency around the median
        const x = median * Math.exp((rng() + rng() + rng() - 1.5) * 1.5);
        sum += x;
        total++;
        for (let b = 0; b < buckets.length; b++) if (x <= buckets[b]!) cum[b]!++;
      }
      for (let b = 0; b < buckets.length; b++) counts[b]!.push(cum[b]!);
      sums.push(sum);
      totals.push(total);
    }
    for (let b = 0; b < buckets.length; b++) {
      out.push(
        toSeries(
          { __name__: 'request_duration_seconds_bucket', ...base, le: leString(buckets[b]!) },
          ts,
          counts[b]!,
          stale,
          o.staleMarkers,
        ),
      );
    }
    out.push(toSeries({ __name__: 'request_duration_seconds_count', ...base }, ts, totals, stale, o.staleMarkers));
    out.push(toSeries({ __name__: 'request_duration_seconds_sum', ...base }, ts, sums, stale, o.staleMarkers));
  }

  if (o.up) {
    for (const t of [...targets.values()].sort((a, b) =>
      a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0,
    )) {
      const { ts, stale } = scrapeTimes(rng, o);
      const vs = ts.map(() => (chance(rng, 0.03) ? 0 : 1));
      out.push(toSeries({ __name__: 'up', instance: t.instance, job: t.job }, ts, vs, stale, o.staleMarkers));
    }
  }
  return out;
}
