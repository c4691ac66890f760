/**
 * Pulling the raw samples of the series a pack reads from any server speaking the Prometheus HTTP
 * API (Prometheus, Thanos, Mimir, VictoriaMetrics) into plain series for the embedded engine.
 *
 * Each metric name is fetched as a range-vector instant query `{__name__="m"}[chunk]` at the end
 * of each chunk of the window: raw samples with their own timestamps (not `query_range`'s
 * resampled steps, which would invent values for the lookback after a scrape gap), chunk after
 * chunk, so that no answer holds more than a chunk of history. The sample on a chunk boundary
 * (the range is closed on both ends before Prometheus 3) is kept once.
 */
import { labelsKey, type Labels } from '@alertcraft/promql';
import type { PrometheusClient } from '../clients/prometheus-client.js';
import { formatDuration } from '@alertcraft/rule-dsl';

export interface PulledSeries {
  labels: Labels;
  timestamps: Float64Array;
  values: Float64Array;
}

export interface PullProgress {
  metric: string;
  metricIndex: number;
  metrics: number;
  chunk: number;
  chunks: number;
  samples: number;
}

export interface PullOptions {
  /** Metric names to pull. */
  metrics: readonly string[];
  start: number;
  end: number;
  /** History per query (default 6 h). */
  chunkMs?: number;
  onProgress?: (p: PullProgress) => void;
}

export const DEFAULT_PULL_CHUNK_MS = 6 * 3_600_000;

export async function pullSeries(client: PrometheusClient, opts: PullOptions): Promise<PulledSeries[]> {
  const chunkMs = opts.chunkMs ?? DEFAULT_PULL_CHUNK_MS;
  if (!(chunkMs >= 1000)) throw new RangeError(`chunk must be at least 1 s, got ${chunkMs} ms`);
  const chunks = Math.max(1, Math.ceil((opts.end - opts.start) / chunkMs));
  const out: PulledSeries[] = [];
  let total = 0;
  for (const [metricIndex, metric] of opts.metrics.entries()) {
    const acc = new Map<string, { labels: Labels; ts: number[]; vs: number[] }>();
    for (let k = 0; k < chunks; k++) {
      const from = opts.start + k * chunkMs;
      const to = Math.min(opts.end, from + chunkMs);
      const value = await client.query(`{__name__=${JSON.stringify(metric)}}[${formatDuration(to - from)}]`, to);
      if (value.type !== 'matrix') throw new Error(`expected a matrix for ${metric}, got ${value.type}`);
      for (const s of value.series) {
        const key = labelsKey(s.labels);
        let a = acc.get(key);
        if (!a) acc.set(key, (a = { labels: s.labels, ts: [], vs: [] }));
        for (let i = 0; i < s.timestamps.length; i++) {
          const t = s.timestamps[i]!;
          if (a.ts.length && t <= a.ts[a.ts.length - 1]!) continue;
          a.ts.push(t);
          a.vs.push(s.values[i]!);
          total++;
        }
      }
      opts.onProgress?.({ metric, metricIndex, metrics: opts.metrics.length, chunk: k, chunks, samples: total });
    }
    for (const a of [...acc.values()].sort((x, y) => (labelsKey(x.labels) < labelsKey(y.labels) ? -1 : 1)))
      out.push({ labels: a.labels, timestamps: Float64Array.from(a.ts), values: Float64Array.from(a.vs) });
  }
  return out;
}
